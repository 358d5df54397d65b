namespace Actors.Supervision.OutOfProcess;

/// <summary>
/// A worker process's handler threw: the process answered with an error response. The worker itself is
/// still healthy (the pool replaces it at release under <c>CallErrorPolicy.ReplaceWorker</c>).
/// </summary>
public sealed class WorkerCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="processId">The worker's process id.</param>
    /// <param name="method">The method called.</param>
    /// <param name="error">The error text the worker sent.</param>
    public WorkerCallException(int processId, string method, string error)
        : base($"Worker process {processId} failed call '{method}': {error}")
    {
        ProcessId = processId;
        Method = method;
        RemoteError = error;
    }

    /// <summary>The worker's process id.</summary>
    public int ProcessId { get; }

    /// <summary>The method called.</summary>
    public string Method { get; }

    /// <summary>The error text the worker sent (its exception's type and message).</summary>
    public string RemoteError { get; }
}
