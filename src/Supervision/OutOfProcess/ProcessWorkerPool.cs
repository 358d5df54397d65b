using System.Text.Json;
using Actors.Supervision.Pools;

namespace Actors.Supervision.OutOfProcess;

/// <summary>Starts pools of worker processes and calls them: a <see cref="WorkerPool{TWorker}"/> of <see cref="ProcessWorker"/>.</summary>
public static class ProcessWorkerPool
{
    /// <summary>
    /// Starts a pool whose workers are child processes started from <paramref name="process"/>. A hung
    /// call, a recycle or a replacement kills the process tree for real; the next checkout starts a new one.
    /// </summary>
    /// <param name="parent">Where the pool lives.</param>
    /// <param name="name">The pool task's name.</param>
    /// <param name="process">What each worker runs (see <see cref="ProcessWorkerOptions.ForAssembly"/>).</param>
    /// <param name="options">Sizes and timeouts; null for defaults.</param>
    /// <returns>The pool.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message says which and what to do).</exception>
    public static WorkerPool<ProcessWorker> Start(ActorTask parent, string name, ProcessWorkerOptions process, WorkerPoolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(process);
        process.Validate();
        return WorkerPool.Start(parent, name, async ct => await ProcessWorker.StartAsync(process, ct).ConfigureAwait(false), options);
    }

    /// <summary>Calls <paramref name="method"/> on the checked-out worker process, in order with the checkout's other calls.</summary>
    /// <param name="checkout">The checkout.</param>
    /// <param name="method">What to do.</param>
    /// <param name="payload">Its argument.</param>
    /// <param name="cancellationToken">Checked before the call starts; stops the waiting.</param>
    /// <returns>The answer's payload.</returns>
    /// <exception cref="WorkerCallException">The worker's handler threw (not fatal: the checkout stays usable).</exception>
    /// <exception cref="WorkerFaultException">The worker is broken or hung; the checkout is unusable and the process was killed.</exception>
    public static ValueTask<JsonElement> CallAsync(this WorkerCheckout<ProcessWorker> checkout, string method, JsonElement payload = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkout);
        ArgumentException.ThrowIfNullOrEmpty(method);
        return checkout.CallAsync((worker, ct) => new ValueTask<JsonElement>(worker.CallAsync(method, payload, ct)), cancellationToken);
    }
}
