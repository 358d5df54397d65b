using System.Diagnostics;
using Actors.Supervision.Pools.Internal;

namespace Actors.Supervision.Pools;

/// <summary>
/// One worker checked out of a <see cref="WorkerPool{TWorker}"/>. Calls on it run one at a time, in the
/// order they were made, on that worker. Release it with <c>await using</c> (or <see cref="DisposeAsync"/>).
/// <para>States:</para>
/// <code>
/// Open --a call throws--> Open (errored: calls queued at that moment fail with the same exception;
///                               the worker is replaced at release unless the policy keeps it)
/// Open --hung call | Abort | broken worker | worker stopped--> Faulted (every call fails with the same
///                               WorkerFaultException; the worker is destroyed at once)
/// Open | Faulted --DisposeAsync--> Released (waits for calls already made, then returns or destroys the worker)
/// </code>
/// <para>
/// Concurrency: one lock (<c>_sync</c>) guards the queue and the state; no call, continuation or
/// completion runs under it. Only one flow (the runner) runs calls at a time.
/// </para>
/// </summary>
/// <typeparam name="TWorker">The worker type.</typeparam>
public sealed partial class WorkerCheckout<TWorker> : IAsyncDisposable where TWorker : class
{
    // Immutable.
    private readonly WorkerPool<TWorker> _pool;                    // where the worker goes back
    private readonly TimeProvider _time;                           // the system's clock
    private readonly TimeSpan _hungTimeout;                        // a call running longer is hung
    private readonly CancellationTokenSource _fatal = new();       // cancelled when the checkout faults; stops the running call's wait

    // The checkout's one lock; guards the fields below.
    private readonly Lock _sync = new();
    private Queue<PendingCall<TWorker>>? _queue;                   // calls made while one runs, in order
    private bool _running;                                         // a runner owns the worker (runs a call or drains the queue)
    private bool _inCall;                                          // a call is between its start and its end (the hung timer's concern)
    private long _callStarted;                                     // timestamp of the running call's start
    private WorkerFaultException? _fault;                          // the sticky fatal error; set once
    private bool _errored;                                         // a call threw (not fatally) during this checkout
    private bool _released;                                        // DisposeAsync was called; new calls are refused
    private TaskCompletionSource? _drained;                        // completes when the runner stops after release

    private ITimer? _hungTimer;                                    // owned by the runner; the timer's callback only re-arms it

    internal WorkerCheckout(WorkerPool<TWorker> pool, WorkerSlot<TWorker> slot, string description, TimeProvider time, TimeSpan hungTimeout)
    {
        _pool = pool;
        Slot = slot;
        Description = description;
        Worker = slot.Worker!;
        _time = time;
        _hungTimeout = hungTimeout;
    }

    /// <summary>The checked-out worker. Prefer <see cref="CallAsync{TResult}(Func{TWorker, CancellationToken, ValueTask{TResult}}, CancellationToken)"/>, which keeps calls ordered and watched.</summary>
    public TWorker Worker { get; }

    /// <summary>The worker's number in its pool (its task is named <c>worker-N</c>).</summary>
    public int WorkerNumber => Slot.Number;

    /// <summary>The worker task's path.</summary>
    public string WorkerPath => Slot.Path;

    /// <summary>The worker in words: number, checkouts served (this one included) and, for a process worker, its process id.</summary>
    public string Description { get; }

    /// <summary>The fatal error that made this checkout unusable, or null.</summary>
    public WorkerFaultException? Fault
    {
        get { lock (_sync) return _fault; }
    }

    internal WorkerSlot<TWorker> Slot { get; }

    /// <summary>
    /// Makes the checkout unusable: the running call (if any) and every later call fail with a
    /// <see cref="WorkerFaultException"/> carrying <paramref name="reason"/>, and the worker is destroyed.
    /// </summary>
    /// <param name="reason">Why, in words.</param>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is blank.</exception>
    /// <exception cref="ObjectDisposedException">The checkout was released.</exception>
    public void Abort(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        lock (_sync) ObjectDisposedException.ThrowIf(_released, this);
        FaultWith(new WorkerFaultException(WorkerPath, $"The checkout of worker {WorkerPath} ({Description}) was aborted: {reason}. The worker was destroyed.", null));
    }

    /// <summary>
    /// Releases the checkout: waits for the calls already made to end, then the worker goes back to the
    /// pool, or is destroyed if a call threw (with <see cref="CallErrorPolicy.ReplaceWorker"/>), it reached
    /// <see cref="WorkerPoolOptions.MaxCheckouts"/>, or the checkout faulted. A second call does nothing.
    /// </summary>
    /// <returns>Completes once the worker is back or being destroyed.</returns>
    public async ValueTask DisposeAsync()
    {
        Task? drained = null;
        lock (_sync)
        {
            if (_released) return;
            _released = true;
            if (_running) drained = (_drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
        if (drained is not null) await drained.ConfigureAwait(false);   // bounded: a hung call faults the checkout
        _hungTimer?.Dispose();
        bool errored;
        WorkerFaultException? fault;
        lock (_sync) (errored, fault) = (_errored, _fault);
        if (fault is not null) _pool.OnCheckoutFaulted(this, fault);   // a faulted worker never goes back (no-op if the pool already knows)
        _pool.OnReleased(this, errored);
    }

    /// <inheritdoc/>
    public override string ToString() => $"checkout of {WorkerPath} ({Description})";

    /// <summary>Makes the checkout fatal with <paramref name="fault"/> (first fault wins): queued calls fail, the running one is released, the worker is destroyed.</summary>
    internal void FaultWith(WorkerFaultException fault)
    {
        List<PendingCall<TWorker>>? cleared;
        lock (_sync)
        {
            if (_fault is not null) return;
            _fault = fault;
            cleared = TakeQueueLocked();
        }
        OnFaulted(fault, cleared);
    }

    private void OnFaulted(WorkerFaultException fault, List<PendingCall<TWorker>>? cleared)
    {
        // The pool learns first: failing the calls may run a caller's release inline, and that release
        // must find the worker already being destroyed, never make it idle.
        _pool.OnCheckoutFaulted(this, fault);
        if (cleared is not null) foreach (var call in cleared) call.Fail(fault);
        try { _fatal.Cancel(); }
        catch (AggregateException) { /* a callback registered by a call threw; the call fails with the fault anyway */ }
    }

    /// <summary>Empties the queue. Caller holds the lock.</summary>
    private List<PendingCall<TWorker>>? TakeQueueLocked()
    {
        if (_queue is not { Count: > 0 } queue) return null;
        var calls = new List<PendingCall<TWorker>>(queue);
        queue.Clear();
        return calls;
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(_sync.IsHeldByCurrentThread, "the checkout's lock must be held");
        Debug.Assert(_running || !_inCall, "a call runs only while a runner owns the worker");
        Debug.Assert(_running || _queue is not { Count: > 0 }, "queued calls wait only behind a runner");
        Debug.Assert(_fault is null || _queue is not { Count: > 0 }, "a faulted checkout queues nothing");
    }
}
