namespace Actors.Supervision.Pools.Internal;

/// <summary>One worker of a pool: its number (which names its task <c>worker-N</c>), state and counters.</summary>
/// <typeparam name="TWorker">The worker type.</typeparam>
internal sealed class WorkerSlot<TWorker>(int number, int restarts) where TWorker : class
{
    /// <summary>1-based; the task is named <c>worker-{Number}</c>. Reused after the worker is gone.</summary>
    public int Number { get; } = number;

    /// <summary>Workers this number had before this one (shown as the task's restarts).</summary>
    public int Restarts { get; } = restarts;

    // Guarded by the pool's lock. Task, Path and Worker are written once, when the worker is ready,
    // before the slot is first checked out; after that they may be read without the lock.
    public WorkerSlotState State;              // see WorkerSlotState for the legal moves
    public ActorTask? Task;                    // the worker's task, once ready
    public string Path = "";                   // the worker task's path, once ready
    public TWorker? Worker;                    // the worker, once ready
    public int Checkouts;                      // checkouts served so far, the current one included
    public WorkerCheckout<TWorker>? Checkout;  // the checkout holding it, while CheckedOut

    /// <summary>Words for labels and messages: "worker 3, checkouts 5, process 1234".</summary>
    public string Describe(int checkouts) => Worker is IPoolWorker described
        ? $"worker {Number}, checkouts {checkouts}, {described.Description}"
        : $"worker {Number}, checkouts {checkouts}";
}
