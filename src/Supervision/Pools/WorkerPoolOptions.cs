namespace Actors.Supervision.Pools;

/// <summary>How a <see cref="WorkerPool{TWorker}"/> sizes, recycles and watches its workers. Validated when the pool starts.</summary>
public sealed class WorkerPoolOptions
{
    /// <summary>Most workers alive at once (in setup, idle, checked out or being destroyed). Workers are created on demand.</summary>
    /// <value>4.</value>
    public int MaxWorkers { get; init; } = 4;

    /// <summary>Checkouts a worker serves before it is destroyed and replaced (recycled); null for no limit.</summary>
    /// <value>null (no limit).</value>
    public int? MaxCheckouts { get; init; }

    /// <summary>
    /// How long <see cref="WorkerPool{TWorker}.CheckoutAsync"/> waits for a free worker before it throws
    /// <see cref="CheckoutTimeoutException"/>. <see cref="Timeout.InfiniteTimeSpan"/> waits forever.
    /// </summary>
    /// <value>30 seconds.</value>
    public TimeSpan CheckoutTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one call may run before its worker counts as hung: the call and every later call on the
    /// checkout fail with <see cref="WorkerHungException"/> and the worker is destroyed. Also bounds a
    /// worker's setup and its disposal. <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// Measured with the system's <see cref="ActorSystemOptions.TimeProvider"/>.
    /// </summary>
    /// <value>30 seconds.</value>
    public TimeSpan HungWorkerTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>What happens to a worker whose call threw, once its checkout is released.</summary>
    /// <value><see cref="CallErrorPolicy.ReplaceWorker"/>.</value>
    public CallErrorPolicy OnCallError { get; init; }

    internal void Validate()
    {
        if (MaxWorkers < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxWorkers), MaxWorkers, "A pool needs at least one worker; set MaxWorkers to 1 or more.");
        if (MaxCheckouts is { } max && max < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxCheckouts), max, "MaxCheckouts must be at least 1; leave it null to keep workers for any number of checkouts.");
        CheckTimeout(CheckoutTimeout, nameof(CheckoutTimeout));
        CheckTimeout(HungWorkerTimeout, nameof(HungWorkerTimeout));
        if (!Enum.IsDefined(OnCallError))
            throw new ArgumentOutOfRangeException(nameof(OnCallError), OnCallError, "Use a CallErrorPolicy value.");
    }

    private static void CheckTimeout(TimeSpan value, string name)
    {
        if (value != Timeout.InfiniteTimeSpan && value <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive; use Timeout.InfiniteTimeSpan for none.");
    }
}
