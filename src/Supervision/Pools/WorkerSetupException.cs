namespace Actors.Supervision.Pools;

/// <summary>
/// Creating a worker failed: the factory threw (the original exception is the inner one), returned null,
/// or ran past the hung-worker timeout. The checkout that waited for it gets this; the next checkout
/// gets a fresh attempt.
/// </summary>
public sealed class WorkerSetupException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pool">The pool's path.</param>
    /// <param name="inner">What went wrong.</param>
    public WorkerSetupException(string pool, Exception inner)
        : base($"Setting up a worker of pool {pool} failed: {inner?.Message} The next checkout tries a fresh worker.", inner)
    {
        Pool = pool;
    }

    /// <summary>The pool's path.</summary>
    public string Pool { get; }
}
