using Polly;
using Polly.Retry;

namespace Actors.Supervision;

/// <summary>
/// Delays between the restarts of a child, computed by Polly's retry strategy from these options: the
/// supervisor builds one Polly pipeline per child spec and runs a child's consecutive restarts through
/// it, so delay n comes from <see cref="BackoffType"/>, <see cref="Delay"/>, <see cref="UseJitter"/> and
/// <see cref="MaxDelay"/> (or from <see cref="DelayGenerator"/>). A failed start counts as one more
/// attempt; once a restarted instance has run for <see cref="StablePeriod"/>, the next crash starts from
/// the first delay again.
/// </summary>
public sealed class RestartBackoff
{
    /// <summary>No delay: restart at once (OTP's behaviour; the restart intensity bounds a storm). The default.</summary>
    public static RestartBackoff None { get; } = new();

    /// <summary>The base delay (Polly's <see cref="RetryStrategyOptions{TResult}.Delay"/>): the first restart waits this long; zero restarts at once every time.</summary>
    /// <value>Zero.</value>
    public TimeSpan Delay { get; init; }

    /// <summary>How the delay grows from one restart to the next (Polly's <see cref="DelayBackoffType"/>).</summary>
    /// <value><see cref="DelayBackoffType.Exponential"/>.</value>
    public DelayBackoffType BackoffType { get; init; } = DelayBackoffType.Exponential;

    /// <summary>Whether Polly spreads the delays randomly, so restarts of many children do not align.</summary>
    /// <value>false.</value>
    public bool UseJitter { get; init; }

    /// <summary>The cap on any delay; null for none.</summary>
    /// <value>30 seconds.</value>
    public TimeSpan? MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Computes the delays instead of the settings above (Polly's <see cref="RetryStrategyOptions{TResult}.DelayGenerator"/>):
    /// <c>AttemptNumber</c> counts the child's consecutive restarts from 0; return null to use the computed delay.
    /// </summary>
    /// <value>null.</value>
    public Func<RetryDelayGeneratorArguments<object>, ValueTask<TimeSpan?>>? DelayGenerator { get; init; }

    /// <summary>A restarted instance that runs this long starts the next restart's delays from <see cref="Delay"/> again.</summary>
    /// <value>30 seconds.</value>
    public TimeSpan StablePeriod { get; init; } = TimeSpan.FromSeconds(30);

    internal void Validate(string owner)
    {
        if (Delay < TimeSpan.Zero || Delay > TimeSpan.FromDays(1))
            throw new ArgumentOutOfRangeException(nameof(Delay), Delay, $"{owner}: Delay must be between zero and one day.");
        if (MaxDelay is { } max && (max < Delay || max > TimeSpan.FromDays(1)))
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, $"{owner}: MaxDelay must be at least Delay and at most one day, or null.");
        if (!Enum.IsDefined(BackoffType)) throw new ArgumentOutOfRangeException(nameof(BackoffType), BackoffType, $"{owner}: use a DelayBackoffType value.");
        if (StablePeriod <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(StablePeriod), StablePeriod, $"{owner}: StablePeriod must be positive.");
    }

    /// <summary>
    /// Every delay is zero: a zero base delay stays zero whatever the backoff type, attempt or jitter (Polly
    /// scales each by it), and no generator can say otherwise. Such restarts skip the pipeline.
    /// </summary>
    internal bool IsImmediate => Delay == TimeSpan.Zero && DelayGenerator is null;

    /// <summary>Polly's retry options for these settings: every <see cref="RestartNeeded"/> is retried, without end (the intensity ends a storm).</summary>
    internal RetryStrategyOptions ToRetryOptions() => new()
    {
        ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is RestartNeeded),
        MaxRetryAttempts = int.MaxValue,
        Delay = Delay,
        BackoffType = BackoffType,
        UseJitter = UseJitter,
        MaxDelay = MaxDelay,
        DelayGenerator = DelayGenerator,
    };
}
