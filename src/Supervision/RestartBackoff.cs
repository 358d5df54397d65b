namespace Actors.Supervision;

/// <summary>
/// Delay before restart number n of a child (n counts consecutive restarts, and starts again at 0 once
/// the child has run for <see cref="StablePeriod"/>): <c>min(MinDelay × 2^n, MaxDelay)</c>, then jitter.
/// Safe for any n: the doubling saturates at <see cref="MaxDelay"/> without overflow.
/// </summary>
public sealed class RestartBackoff
{
    /// <summary>No delay: restart at once (OTP's behaviour; the restart intensity bounds a storm). The default.</summary>
    public static RestartBackoff None { get; } = new() { MinDelay = TimeSpan.Zero };

    /// <summary>The first delay; zero restarts at once every time.</summary>
    /// <value>Zero.</value>
    public TimeSpan MinDelay { get; init; }

    /// <summary>The cap.</summary>
    /// <value>30 seconds.</value>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Spread added to each delay, as a share of it (0.2 = up to ±20%), so restarts of many children do not align.</summary>
    /// <value>0 (none).</value>
    public double Jitter { get; init; }

    /// <summary>A child that runs this long before exiting starts its delays from <see cref="MinDelay"/> again.</summary>
    /// <value>30 seconds.</value>
    public TimeSpan StablePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The delay before restart number <paramref name="attempt"/> (0-based), before jitter.</summary>
    /// <param name="attempt">Consecutive restarts so far; any non-negative value.</param>
    /// <returns>A delay between <see cref="MinDelay"/> and <see cref="MaxDelay"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempt"/> is negative.</exception>
    public TimeSpan BaseDelay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        if (MinDelay <= TimeSpan.Zero) return TimeSpan.Zero;
        if (MinDelay >= MaxDelay) return MaxDelay;
        // MinDelay × 2^attempt ≥ MaxDelay once 2^attempt ≥ MaxDelay / MinDelay; stop doubling there.
        var ratio = (double)MaxDelay.Ticks / MinDelay.Ticks;
        if (attempt >= 62 || Math.Pow(2, attempt) >= ratio) return MaxDelay;
        return TimeSpan.FromTicks(MinDelay.Ticks << attempt);
    }

    /// <summary>The delay before restart number <paramref name="attempt"/>, with jitter.</summary>
    /// <param name="attempt">Consecutive restarts so far.</param>
    /// <param name="random">Source of jitter; null for <see cref="Random.Shared"/>.</param>
    /// <returns>The delay.</returns>
    public TimeSpan Delay(int attempt, Random? random = null)
    {
        var delay = BaseDelay(attempt);
        if (Jitter <= 0 || delay == TimeSpan.Zero) return delay;
        var factor = 1 + Jitter * ((random ?? Random.Shared).NextDouble() * 2 - 1);
        return TimeSpan.FromTicks((long)(delay.Ticks * factor));
    }

    internal void Validate(string owner)
    {
        if (MinDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MinDelay), MinDelay, $"{owner}: MinDelay must not be negative.");
        if (MaxDelay < MinDelay) throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, $"{owner}: MaxDelay must be at least MinDelay.");
        if (double.IsNaN(Jitter) || Jitter is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(Jitter), Jitter, $"{owner}: Jitter is a share between 0 and 1.");
        if (StablePeriod <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(StablePeriod), StablePeriod, $"{owner}: StablePeriod must be positive.");
    }
}
