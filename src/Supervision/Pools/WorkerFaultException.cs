namespace Actors.Supervision.Pools;

/// <summary>
/// A checkout's worker is broken: it hung (<see cref="WorkerHungException"/>), its checkout was aborted,
/// it was stopped, or its channel broke (a worker process exited or wrote garbage). The error is fatal to
/// the checkout: the call that met it and every later call on the checkout fail with the same instance,
/// and the worker is destroyed, never returned to the pool.
/// <para>
/// A worker's own call may throw this (for example <c>ProcessWorker</c> when its pipe breaks) to say the
/// worker itself, not just the call, has failed; the checkout then wraps it with the worker's path.
/// </para>
/// </summary>
public class WorkerFaultException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What broke, naming the worker.</param>
    /// <param name="inner">The underlying failure, if any.</param>
    public WorkerFaultException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Creates the exception for a pool's worker.</summary>
    /// <param name="worker">The worker task's path.</param>
    /// <param name="message">What broke, naming the worker.</param>
    /// <param name="inner">The underlying failure, if any.</param>
    public WorkerFaultException(string worker, string message, Exception? inner) : base(message, inner) => Worker = worker;

    /// <summary>The worker task's path, when a pool raised the error.</summary>
    public string? Worker { get; }
}
