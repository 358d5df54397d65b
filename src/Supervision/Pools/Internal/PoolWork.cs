namespace Actors.Supervision.Pools.Internal;

/// <summary>What the pool decided under its lock and does after leaving it: workers to start, checkouts to hand over, broken idle workers to destroy.</summary>
/// <typeparam name="TWorker">The worker type.</typeparam>
internal struct PoolWork<TWorker> where TWorker : class
{
    public List<WorkerSlot<TWorker>>? Starts;                                                      // reserved slots whose task to spawn
    public List<(CheckoutWaiter<TWorker> Waiter, WorkerCheckout<TWorker> Checkout)>? Handoffs;     // waiters to complete
    public List<WorkerSlot<TWorker>>? Broken;                                                      // idle workers found broken, now Destroying
}
