using Actors.Supervision.Pools.Internal;

namespace Actors.Supervision.Pools;

public sealed partial class WorkerCheckout<TWorker>
{
    private static readonly TimerCallback s_onHungTimer = static state => ((WorkerCheckout<TWorker>)state!).CheckHung();

    /// <summary>
    /// Runs <paramref name="call"/> on the worker after the calls made before it on this checkout. A call
    /// that runs past <see cref="WorkerPoolOptions.HungWorkerTimeout"/> faults the checkout.
    /// </summary>
    /// <typeparam name="TResult">The call's result.</typeparam>
    /// <param name="call">The work; its token is cancelled when <paramref name="cancellationToken"/> is, or when the checkout faults.</param>
    /// <param name="cancellationToken">Checked before the call starts and passed to it.</param>
    /// <returns>The call's result.</returns>
    /// <exception cref="WorkerFaultException">The checkout faulted (hung, aborted, broken or stopped worker); every later call throws the same instance.</exception>
    /// <exception cref="ObjectDisposedException">The checkout was released.</exception>
    /// <remarks>
    /// The call's own exception comes back as it was thrown; calls still queued behind it fail with it and
    /// do not run, and the worker is replaced at release (<see cref="CallErrorPolicy"/>). A call cancelled
    /// by its token while it runs counts as such an error; one cancelled while queued is skipped. A call
    /// that blocks its thread cannot be interrupted: the hung timeout then faults the checkout when it fires.
    /// </remarks>
    public ValueTask<TResult> CallAsync<TResult>(Func<TWorker, CancellationToken, ValueTask<TResult>> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<TResult>(cancellationToken);
        var now = _time.GetTimestamp();
        PendingCall<TWorker, TResult>? queued = null;
        lock (_sync)
        {
            AssertInvariants();
            ObjectDisposedException.ThrowIf(_released, this);
            if (_fault is { } fault) return ValueTask.FromException<TResult>(fault);
            if (_running) (_queue ??= new()).Enqueue(queued = new PendingCall<TWorker, TResult>(call, cancellationToken));
            else BeginCallLocked(now);
        }
        return queued is null ? RunFirstAsync(call, cancellationToken) : new ValueTask<TResult>(queued.Task);
    }

    /// <summary>Runs an asynchronous <paramref name="call"/> on the worker, in order (see <see cref="CallAsync{TResult}(Func{TWorker, CancellationToken, ValueTask{TResult}}, CancellationToken)"/>).</summary>
    /// <typeparam name="TResult">The call's result.</typeparam>
    /// <param name="call">The work.</param>
    /// <param name="cancellationToken">Checked before the call starts.</param>
    /// <returns>The call's result.</returns>
    /// <remarks>Preferred over the synchronous overload when both fit (<c>CallAsync&lt;int&gt;(w => throw ...)</c>).</remarks>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public ValueTask<TResult> CallAsync<TResult>(Func<TWorker, Task<TResult>> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CallAsync((worker, _) => new ValueTask<TResult>(call(worker)), cancellationToken);
    }

    /// <summary>Runs a synchronous <paramref name="call"/> on the worker, in order (see <see cref="CallAsync{TResult}(Func{TWorker, CancellationToken, ValueTask{TResult}}, CancellationToken)"/>).</summary>
    /// <typeparam name="TResult">The call's result.</typeparam>
    /// <param name="call">The work.</param>
    /// <param name="cancellationToken">Checked before the call starts.</param>
    /// <returns>The call's result.</returns>
    public ValueTask<TResult> CallAsync<TResult>(Func<TWorker, TResult> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CallAsync((worker, _) => new ValueTask<TResult>(call(worker)), cancellationToken);
    }

    /// <summary>Runs one call (already begun under the lock) with the hung watch, and sorts its failure: fatal, or an ordinary call error.</summary>
    internal async ValueTask<TResult> ExecuteAsync<TResult>(Func<TWorker, CancellationToken, ValueTask<TResult>> call, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            EndCall();   // cancelled while queued: it never ran, so it is no call error
            cancellationToken.ThrowIfCancellationRequested();
        }
        ArmHungTimer();
        var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _fatal.Token) : null;
        TResult result;
        try
        {
            var pending = call(Worker, linked?.Token ?? _fatal.Token);
            result = pending.IsCompleted ? pending.Result : await RaceAsync(pending).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (OnCallFailed(ex) is { } fault) throw fault;
            throw;
        }
        finally
        {
            _hungTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            linked?.Dispose();
        }
        if (EndCall() is { } late) throw late;   // the checkout faulted while the call ran: its result is void
        return result;
    }

    private async ValueTask<TResult> RunFirstAsync<TResult>(Func<TWorker, CancellationToken, ValueTask<TResult>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(call, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (TakeNext() is { } next) _ = DrainAsync(next);
        }
    }

    /// <summary>Runs the queued calls one after another until the queue is empty.</summary>
    private async Task DrainAsync(PendingCall<TWorker> next)
    {
        for (PendingCall<TWorker>? call = next; call is not null; call = TakeNext())
            await call.RunAsync(this).ConfigureAwait(false);
    }

    /// <summary>Begins the next queued call, or gives up the worker (and lets a waiting release proceed).</summary>
    private PendingCall<TWorker>? TakeNext()
    {
        var now = _time.GetTimestamp();
        TaskCompletionSource? drained;
        lock (_sync)
        {
            if (_queue is { Count: > 0 } queue)
            {
                BeginCallLocked(now);
                return queue.Dequeue();
            }
            _running = false;
            drained = _drained;
            _drained = null;
        }
        drained?.TrySetResult();
        return null;
    }

    /// <summary>Waits for a call that did not finish at once, unless the checkout faults first.</summary>
    private async ValueTask<TResult> RaceAsync<TResult>(ValueTask<TResult> pending)
    {
        var task = pending.AsTask();
        try
        {
            return await task.WaitAsync(_fatal.Token).ConfigureAwait(false);
        }
        finally
        {
            if (!task.IsCompleted) PoolTimers.Observe(task);   // abandoned: its late failure must not go unobserved
        }
    }

    private void BeginCallLocked(long now)
    {
        _running = true;
        _inCall = true;
        _callStarted = now;
    }

    /// <summary>Ends a call that returned. A call that ran past the hung timeout faults the checkout here, even if the hung timer has not run yet (a busy thread pool).</summary>
    private WorkerFaultException? EndCall()
    {
        var now = _time.GetTimestamp();
        WorkerHungException? hung = null;
        List<PendingCall<TWorker>>? cleared = null;
        lock (_sync)
        {
            _inCall = false;
            if (_fault is null && _hungTimeout != Timeout.InfiniteTimeSpan && _time.GetElapsedTime(_callStarted, now) > _hungTimeout)
            {
                _fault = hung = new WorkerHungException(WorkerPath, Description, _hungTimeout);
                cleared = TakeQueueLocked();
            }
            if (hung is null) return _fault;
        }
        OnFaulted(hung, cleared);
        return hung;
    }

    /// <summary>Ends a failed call. Returns the fatal error to throw instead, or null to rethrow the call's own exception.</summary>
    private WorkerFaultException? OnCallFailed(Exception error)
    {
        WorkerFaultException? fault, raised = null;
        List<PendingCall<TWorker>>? cleared;
        var now = _time.GetTimestamp();
        lock (_sync)
        {
            _inCall = false;
            fault = _fault;
            if (fault is null && _hungTimeout != Timeout.InfiniteTimeSpan && _time.GetElapsedTime(_callStarted, now) > _hungTimeout)
                fault = _fault = raised = new WorkerHungException(WorkerPath, Description, _hungTimeout);   // past its deadline: hung, whatever it threw
            else if (fault is null && error is WorkerFaultException broken)
                fault = _fault = raised = new WorkerFaultException(WorkerPath, $"Worker {WorkerPath} ({Description}) is broken and was destroyed: {broken.Message}", broken);
            else if (fault is null) _errored = true;
            cleared = TakeQueueLocked();
        }
        if (raised is not null) OnFaulted(raised, cleared);
        else if (cleared is not null) foreach (var call in cleared) call.Fail(fault ?? error);
        return fault;
    }

    private void ArmHungTimer()
    {
        if (_hungTimeout == Timeout.InfiniteTimeSpan) return;
        if (_hungTimer is null) _hungTimer = PoolTimers.Create(_time, s_onHungTimer, this, _hungTimeout);
        else _hungTimer.Change(_hungTimeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The hung timer fired: fault the checkout if the running call has really run past the timeout; else re-arm for the rest.</summary>
    private void CheckHung()
    {
        var now = _time.GetTimestamp();
        TimeSpan remaining;
        WorkerHungException? hung = null;
        List<PendingCall<TWorker>>? cleared = null;
        lock (_sync)
        {
            if (!_inCall || _fault is not null) return;
            remaining = _hungTimeout - _time.GetElapsedTime(_callStarted, now);
            if (remaining <= TimeSpan.Zero)
            {
                _fault = hung = new WorkerHungException(WorkerPath, Description, _hungTimeout);
                cleared = TakeQueueLocked();
            }
        }
        if (hung is not null) OnFaulted(hung, cleared);
        else _hungTimer?.Change(remaining, Timeout.InfiniteTimeSpan);   // fired early, or was armed for an earlier call
    }
}
