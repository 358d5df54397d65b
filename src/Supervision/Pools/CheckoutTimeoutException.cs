namespace Actors.Supervision.Pools;

/// <summary>
/// No worker became free within <see cref="WorkerPoolOptions.CheckoutTimeout"/>. Distinct from
/// <see cref="WorkerHungException"/>: this is waiting for a worker, that is a worker that stopped answering.
/// </summary>
public sealed class CheckoutTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pool">The pool's path.</param>
    /// <param name="timeout">How long the checkout waited.</param>
    public CheckoutTimeoutException(string pool, TimeSpan timeout)
        : base($"No worker of pool {pool} became free within {timeout}. Raise MaxWorkers or CheckoutTimeout, or release checkouts sooner.")
    {
        Pool = pool;
        Timeout = timeout;
    }

    /// <summary>The pool's path.</summary>
    public string Pool { get; }

    /// <summary>How long the checkout waited.</summary>
    public TimeSpan Timeout { get; }
}
