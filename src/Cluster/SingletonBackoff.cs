namespace Actors.Cluster;

/// <summary>
/// How long a cluster singleton rests after its instance ends by itself (fails, returns, or is stopped other than by the
/// cluster) before its node starts the next one. The node keeps the name while it rests (lookups give null; no other
/// node claims it), so a crash loop stays on one node and slows down instead of spinning across the cluster. The
/// n-th consecutive end waits <see cref="Delay"/> × 2^(n-1), at most <see cref="MaxDelay"/>; an instance that ran for
/// <see cref="StablePeriod"/> starts the count again. If the resting node dies, the next owner starts at once (after
/// the usual claim) with a fresh count.
/// </summary>
public sealed class SingletonBackoff
{
    /// <summary>The default: 1 s, doubling up to 30 s, counted afresh after 30 s of running.</summary>
    public static SingletonBackoff Default { get; } = new();

    /// <summary>The first delay; zero restarts at once every time.</summary>
    /// <value>1 second.</value>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap on any delay.</summary>
    /// <value>30 seconds.</value>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An instance that runs this long starts the next delays from <see cref="Delay"/> again.</summary>
    /// <value>30 seconds.</value>
    public TimeSpan StablePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The delay before the next start after <paramref name="ends"/> consecutive ends (1 for the first).</summary>
    internal TimeSpan DelayAfter(int ends)
    {
        if (Delay == TimeSpan.Zero) return TimeSpan.Zero;
        var delay = Delay;
        for (var i = 1; i < ends && delay < MaxDelay; i++) delay += delay;
        return delay < MaxDelay ? delay : MaxDelay;
    }

    internal void Validate()
    {
        if (Delay < TimeSpan.Zero || Delay > TimeSpan.FromDays(1))
            throw new ArgumentOutOfRangeException(nameof(Delay), Delay, "SingletonBackoff.Delay must be between zero and one day.");
        if (MaxDelay < Delay || MaxDelay > TimeSpan.FromDays(1))
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "SingletonBackoff.MaxDelay must be at least Delay and at most one day.");
        if (StablePeriod <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(StablePeriod), StablePeriod, "SingletonBackoff.StablePeriod must be positive.");
    }
}
