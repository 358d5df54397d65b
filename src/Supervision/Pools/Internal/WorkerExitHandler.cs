namespace Actors.Supervision.Pools.Internal;

/// <summary>The pool task's child-exit seam: tells the pool when a worker task has ended, whatever its state.</summary>
/// <typeparam name="TWorker">The worker type.</typeparam>
internal sealed class WorkerExitHandler<TWorker>(WorkerPool<TWorker> pool) : IChildExitHandler where TWorker : class
{
    /// <summary>Claims worker failures: the pool reports them itself (to the waiting checkout, and in the log).</summary>
    public bool OnChildExited(ActorTask child) => pool.OnWorkerExited(child);
}
