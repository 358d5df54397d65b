namespace Actors.Supervision.Pools;

/// <summary>
/// A call ran past <see cref="WorkerPoolOptions.HungWorkerTimeout"/>. Fatal to the checkout: the call and
/// every later call on it fail with this instance, and the worker is destroyed.
/// </summary>
public sealed class WorkerHungException : WorkerFaultException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="worker">The worker task's path.</param>
    /// <param name="description">The worker in words (number, process id).</param>
    /// <param name="timeout">The hung-worker timeout that passed.</param>
    public WorkerHungException(string worker, string description, TimeSpan timeout)
        : base(worker, $"Worker {worker} ({description}) did not answer a call within {timeout}; it was destroyed and the checkout is unusable. Release it and check out again.", null)
    {
        Timeout = timeout;
    }

    /// <summary>The hung-worker timeout that passed.</summary>
    public TimeSpan Timeout { get; }
}
