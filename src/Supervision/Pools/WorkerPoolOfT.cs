using System.Diagnostics;
using Actors.Supervision.Pools.Internal;
using Microsoft.Extensions.Logging;

namespace Actors.Supervision.Pools;

/// <summary>
/// A pool of at most <see cref="WorkerPoolOptions.MaxWorkers"/> workers (the AnyEvent::Task model). The
/// pool is a task in the kernel tree and each worker is a child task of it, named <c>worker-N</c>,
/// labelled with its checkouts, so <see cref="ActorSystem.Snapshot"/> shows them. Callers check a worker
/// out (FIFO), make ordered calls on the checkout, and release it with <c>await using</c>.
/// <para>A worker's life (see <c>WorkerSlotState</c>):</para>
/// <code>
/// Starting --ready--> Idle --checkout--> CheckedOut --release--> Idle
/// Starting --setup error--> gone (the oldest waiting checkout gets WorkerSetupException)
/// CheckedOut --release after a call error (ReplaceWorker) | MaxCheckouts reached--> Destroying --> gone
/// CheckedOut --hung call | Abort | broken worker--> Destroying at once (the checkout is unusable)
/// </code>
/// Workers are created on demand; a destroyed worker is replaced by the next checkout that needs one.
/// <para>
/// Concurrency: one lock (<c>_sync</c>) guards the slots, the idle list and the waiting queue. Nothing
/// but bookkeeping runs under it: factories, disposal, kernel calls and completions of waiting
/// checkouts happen after leaving it.
/// </para>
/// </summary>
/// <typeparam name="TWorker">The worker type.</typeparam>
public sealed partial class WorkerPool<TWorker> : IAsyncDisposable where TWorker : class
{
    // Immutable after construction.
    private readonly Func<CancellationToken, ValueTask<TWorker>> _factory;   // the setup step
    private readonly TimeProvider _time;                                      // the system's clock
    private readonly ActorSystem _system;                                     // immutable
    private readonly ILogger _log;                                            // category Actors.Supervision.Pools
    private readonly PoolMetrics _metrics;                                    // counters tagged with the pool's name
    private readonly string _path;                                            // the pool task's path (tags, messages)
    private readonly ActorTask _task;                                         // the pool's task; workers are its children

    // The pool's one lock; guards every field below.
    private readonly Lock _sync = new();
    private readonly WorkerSlot<TWorker>?[] _slots;                           // index Number-1; set from reservation until the worker task ended
    private readonly int[] _starts;                                           // per index: workers started in it so far
    private readonly List<WorkerSlot<TWorker>> _idle = [];                    // ready workers; the last returned is reused first
    private readonly LinkedList<CheckoutWaiter<TWorker>> _waiters = new();    // checkouts waiting for a worker, oldest first
    private int _live;                                                        // non-null entries of _slots (at most MaxWorkers)
    private int _starting;                                                    // slots in Starting
    private bool _closed;                                                     // the pool task is stopping: no more checkouts or workers
    private long _created, _destroyed, _replaced, _recycled, _faulted, _setupFailures, _checkouts;   // event counts

    internal WorkerPool(ActorTask parent, string name, Func<CancellationToken, ValueTask<TWorker>> factory, WorkerPoolOptions options)
    {
        _factory = factory;
        Options = options;
        _system = parent.System;
        _time = _system.Options.TimeProvider;
        _log = _system.CreateLogger(PoolLog.Category);
        _metrics = new PoolMetrics(_system, name);
        _slots = new WorkerSlot<TWorker>?[options.MaxWorkers];
        _starts = new int[options.MaxWorkers];
        var parentPath = parent.Path;
        _path = parentPath == "/" ? "/" + name : parentPath + "/" + name;
        _task = parent.Run(RunAsync, new SpawnOptions
        {
            Name = name,
            Label = $"worker pool (max {options.MaxWorkers})",
            Timeout = Timeout.InfiniteTimeSpan,
            ChildExitHandler = new WorkerExitHandler<TWorker>(this),
            OnStop = cause => { Close(cause); return System.Threading.Tasks.Task.CompletedTask; },
        });
    }

    /// <summary>The pool's own task; its children are the workers. Stopping it stops the pool.</summary>
    public ActorTask ActorTask => _task;

    /// <summary>The options the pool was started with.</summary>
    public WorkerPoolOptions Options { get; }

    /// <summary>Workers and events right now.</summary>
    public WorkerPoolCounts Counts
    {
        get
        {
            lock (_sync)
            {
                var checkedOut = 0;
                foreach (var slot in _slots) if (slot?.State == WorkerSlotState.CheckedOut) checkedOut++;
                return new WorkerPoolCounts(_live, _idle.Count, checkedOut, _waiters.Count,
                    _created, _destroyed, _replaced, _recycled, _faulted, _setupFailures, _checkouts);
            }
        }
    }

    /// <summary>
    /// Checks a worker out: an idle one if there is one and nobody waits, else a new one if the pool is
    /// below <see cref="WorkerPoolOptions.MaxWorkers"/>, else the next one released (first come, first served).
    /// </summary>
    /// <param name="cancellationToken">Gives up waiting.</param>
    /// <returns>The checkout; release it with <c>await using</c>.</returns>
    /// <exception cref="CheckoutTimeoutException">No worker became free within <see cref="WorkerPoolOptions.CheckoutTimeout"/>.</exception>
    /// <exception cref="WorkerSetupException">The worker created for this checkout failed its setup; the next checkout tries again.</exception>
    /// <exception cref="ObjectDisposedException">The pool has stopped.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ValueTask<WorkerCheckout<TWorker>> CheckoutAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<WorkerCheckout<TWorker>>(cancellationToken);
        WorkerCheckout<TWorker>? checkout = null;
        var work = default(PoolWork<TWorker>);
        lock (_sync)
        {
            AssertInvariants();
            if (_closed) return ValueTask.FromException<WorkerCheckout<TWorker>>(Stopped());
            if (_waiters.Count == 0 && PopIdleLocked(ref work.Broken) is { } slot) checkout = CheckOutLocked(slot);
        }
        RunWork(work);
        if (checkout is null) return new ValueTask<WorkerCheckout<TWorker>>(WaitForWorkerAsync(cancellationToken));
        OnCheckedOut(checkout);
        return ValueTask.FromResult(checkout);
    }

    /// <summary>Stops the pool: waiting checkouts fail, then every worker is destroyed (checked-out ones too).</summary>
    /// <returns>Completes when the pool's task is final.</returns>
    public async ValueTask DisposeAsync() => await _task.StopAsync(new StopCause("worker pool disposed", _path)).ConfigureAwait(false);

    /// <inheritdoc/>
    public override string ToString() => $"worker pool {_path}";

    /// <summary>The pool task's body: it only keeps the pool alive; the work happens in callbacks.</summary>
    private async Task RunAsync(ActorContext ctx)
    {
        try
        {
            await System.Threading.Tasks.Task.Delay(Timeout.Infinite, ctx.Cancellation).ConfigureAwait(false);
        }
        finally
        {
            Close(ctx.StopCause);
        }
    }

    private ObjectDisposedException Stopped() => new(_path, $"Worker pool {_path} has stopped and hands out no more workers; start a new pool.");


    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(_sync.IsHeldByCurrentThread, "the pool's lock must be held");
        Debug.Assert(_live <= Options.MaxWorkers, "never more workers than MaxWorkers");
        Debug.Assert(_idle.Count + _starting <= _live, "idle and starting workers are live workers");
        Debug.Assert(!_closed || _waiters.Count == 0, "a closed pool has no waiting checkouts");
        Debug.Assert(_closed || _waiters.Count == 0 || _idle.Count == 0, "nobody waits while a worker is idle");
    }
}
