namespace Actors.Internal;

/// <summary>The longest due time a timer accepts (about 49.7 days); every timeout the kernel arms is checked against it at the call.</summary>
internal static class TimerLimit
{
    /// <summary>4,294,967,294 ms, the runtime timer's maximum.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>Throws unless <paramref name="value"/> is infinite or positive and at most <see cref="Max"/>.</summary>
    public static void ValidateTimeout(TimeSpan value, string name)
    {
        if (value == Timeout.InfiniteTimeSpan) return;
        if (value <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive; use Timeout.InfiniteTimeSpan for none.");
        ThrowIfAboveMax(value, name);
    }

    /// <summary>Throws if <paramref name="value"/> is longer than a timer can wait.</summary>
    public static void ThrowIfAboveMax(TimeSpan value, string name)
    {
        if (value > Max)
            throw new ArgumentOutOfRangeException(name, value, $"{name} is longer than a timer can wait ({Max.TotalDays:F1} days at most); use Timeout.InfiniteTimeSpan for no limit.");
    }
}
