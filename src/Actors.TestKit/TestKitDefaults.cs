namespace Actors.Testing;

/// <summary>
/// Process-wide defaults for the kit's bounded waits. A call's own timeout wins, then the kit's or probe's
/// own default, then these. Generous on purpose: a bound exists to fail a hung test with a clear message,
/// not to measure speed, and test machines are often loaded.
/// </summary>
public static class TestKitDefaults
{
    private static TimeSpan s_timeout = TimeSpan.FromSeconds(30);          // read by every wait without a bound of its own
    private static TimeSpan s_noMessageWait = TimeSpan.FromMilliseconds(300); // read by ExpectNoMessageAsync without a duration

    /// <summary>How long an expectation waits for something to arrive or happen.</summary>
    /// <value>30 seconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public static TimeSpan Timeout
    {
        get => s_timeout;
        set => s_timeout = Positive(value, nameof(Timeout));
    }

    /// <summary>How long <see cref="TestProbe{TMessage}.ExpectNoMessageAsync"/> watches for an unwanted message.</summary>
    /// <value>300 milliseconds: every such check costs its full duration, so keep it short.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public static TimeSpan NoMessageWait
    {
        get => s_noMessageWait;
        set => s_noMessageWait = Positive(value, nameof(NoMessageWait));
    }

    internal static TimeSpan Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive; pass a longer bound.");
}
