using Microsoft.Extensions.Time.Testing;

namespace Actors.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also records the due time of every timer created on it, so a test
/// can wait until the code under test has armed a deadline or timer before it moves time with
/// <see cref="FakeTimeProvider.Advance"/> (moving first would leave the timer in the future).
/// </summary>
public sealed class TestTimeProvider : FakeTimeProvider
{
    private readonly EventRecorder<TimeSpan> _armed = new();   // due time of each timer created, in order

    /// <summary>Starts the clock at the fake clock's default time (2000-01-01 UTC).</summary>
    public TestTimeProvider() { }

    /// <summary>Starts the clock at <paramref name="startDateTime"/>.</summary>
    /// <param name="startDateTime">The starting time.</param>
    public TestTimeProvider(DateTimeOffset startDateTime) : base(startDateTime) { }

    /// <summary>The due times of the timers created so far, in order (a copy).</summary>
    public IReadOnlyList<TimeSpan> ArmedTimers => _armed.Items;

    /// <summary>How many timers were created with <paramref name="dueTime"/>.</summary>
    /// <param name="dueTime">The due time.</param>
    /// <returns>The count.</returns>
    public int ArmedCount(TimeSpan dueTime) => _armed.CountOf(dueTime);

    /// <summary>Waits until <paramref name="count"/> timers have been created with <paramref name="dueTime"/> (earlier ones count).</summary>
    /// <param name="dueTime">The due time.</param>
    /// <param name="count">How many.</param>
    /// <param name="timeout">Bound of the wait (on the real clock); null takes <see cref="TestKitDefaults.Timeout"/>.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Completes when the timers exist.</returns>
    /// <exception cref="ActorAssertionException">Not within the bound; the message lists the due times of the timers created.</exception>
    public Task WaitForTimerAsync(TimeSpan dueTime, int count = 1, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _armed.WaitForAsync(dueTime, count, timeout, cancellationToken);

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _armed.Add(dueTime);
        return timer;
    }
}
