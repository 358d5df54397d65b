using System.Runtime.CompilerServices;
using Actors.Internal;

namespace Actors;

public abstract partial class ActorTask
{
    /// <summary>
    /// The outcome: completes when the body has ended; faults with the body's original exception if it
    /// failed, or with <see cref="ActorStoppedException"/> if it was stopped. Reading it marks the task
    /// observed, so its failure is not logged as unobserved.
    /// </summary>
    /// <exception cref="InvalidOperationException">Read from inside the task's own body (it would wait on itself).</exception>
    public Task Completion => CompletionCore;

    /// <summary>Completes when the task is final, whatever its state; never throws the task's failure.</summary>
    /// <param name="cancellationToken">Stops the waiting.</param>
    /// <returns>A task that completes when this task is Completed, Failed or Stopped.</returns>
    /// <exception cref="InvalidOperationException">Called from inside the task's own body (it would wait on itself).</exception>
    public Task WhenFinishedAsync(CancellationToken cancellationToken = default)
    {
        if (!IsFinished) ThrowIfSelf();
        var finished = WhenFinished();
        return cancellationToken.CanBeCanceled ? finished.WaitAsync(cancellationToken) : finished;
    }

    private protected abstract Task CompletionCore { get; }

    internal Task WhenFinished()
    {
        if (IsFinished) return Task.CompletedTask;
        lock (_system.TreeLock) return WhenFinishedLocked();
    }

    private Task WhenFinishedLocked()
    {
        if (IsFinished) return Task.CompletedTask;
        return (Extras.Finished ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
    }

    /// <summary>Refuses a read of the outcome from inside the task's own body, which would wait forever.</summary>
    private protected void ThrowIfSelf()
    {
        if (ReferenceEquals(ActorContext.CurrentTask, this))
            throw new InvalidOperationException($"Task {Path} cannot await its own outcome from inside its body; that would wait forever. Return from the body instead.");
    }

    /// <summary>Marks the outcome observed (a group or waiter will surface the failure).</summary>
    internal void Observe()
    {
        lock (_system.TreeLock) _flags |= NodeFlags.Observed;
    }

    /// <summary>Marks the outcome observed, so a failure is not logged as unobserved; caller holds the lock.</summary>
    private protected void MarkObservedLocked() => _flags |= NodeFlags.Observed;

    /// <summary>The exception awaiting a non-completed final task throws; caller holds the lock.</summary>
    private protected Exception OutcomeExceptionLocked() =>
        State == ActorTaskState.Failed ? _failure! : new ActorStoppedException(PathLocked(), _stopCause ?? Actors.StopCause.Requested);

    /// <summary>
    /// The body has ended. A failed or stopped body, or one that returned while its task was being
    /// stopped (children it spawned in its cleanup), first stops its remaining non-transient children;
    /// then the task becomes final.
    /// </summary>
    private protected void OnBodyEnded(ActorTaskState outcome, Exception? failure)
    {
        StopCause? cause = null;
        lock (_system.TreeLock)
        {
            if (IsFinished) return;
            _flags |= NodeFlags.BodyEnded;   // from here on the task accepts no new children
            if (_normalChildren > 0 && (outcome != ActorTaskState.Completed || _stopRequested))
                cause = _stopCause ?? new StopCause(outcome == ActorTaskState.Failed ? "parent failed" : "parent stopped", PathLocked(), failure);
        }
        if (cause is not null) _ = FinishAfterChildrenAsync(outcome, failure, cause);
        else Finish(outcome, failure);
    }

    private async Task FinishAfterChildrenAsync(ActorTaskState outcome, Exception? failure, StopCause cause)
    {
        try
        {
            while (true)
            {
                lock (_system.TreeLock)
                {
                    if (_normalChildren == 0) break;
                }
                await StopChildrenAsync(cause, includeTransient: false).ConfigureAwait(false);
            }
        }
        finally { Finish(outcome, failure); }
    }

    /// <summary>Makes the task final, publishes its outcome, tells its parent and leaves the tree if it can.</summary>
    private protected void Finish(ActorTaskState outcome, Exception? failure)
    {
        TaskCompletionSource? finished;
        List<IWatch>? watches;
        global::System.Diagnostics.Activity? activity;
        ActorTask? parent;
        bool observed, rootChanged;
        lock (_system.TreeLock)
        {
            if (IsFinished) return;
            if (outcome == ActorTaskState.Stopped && _extras?.StopFailure is { } stopFailure)
            {
                outcome = ActorTaskState.Failed;
                failure = stopFailure;
            }
            _failure = failure;
            _flags |= NodeFlags.BodyEnded;
            _state = (int)outcome;
            finished = _extras?.Finished;
            watches = _extras?.Watches;
            if (_extras is not null) _extras.Watches = null;
            activity = _extras?.Activity;
            parent = _parent;
            observed = (_flags & NodeFlags.Observed) != 0;
            rootChanged = DetachIfDoneLocked();
        }
        // The parent hears first, so whoever awaits this task resumes after the parent was told.
        if (parent is not null) TellParent(parent, outcome, failure, observed);
        PublishOutcome();
        finished?.TrySetResult();
        if (watches is not null) foreach (var watch in watches) watch.Deliver();
        _system.Diagnostics.TaskFinished(this, outcome, failure, activity);
        if (rootChanged) _system.OnRootIdle();
    }

    /// <summary>Completes the awaitable outcome, if anyone created it. Called once, without the lock, after the task is final.</summary>
    private protected abstract void PublishOutcome();

    private void TellParent(ActorTask parent, ActorTaskState outcome, Exception? failure, bool observed)
    {
        var handled = false;
        if (parent._options.ChildExitHandler is { } handler)
        {
            try { handled = handler.OnChildExited(this); }
            catch (Exception ex) { TaskLog.ChildExitHandlerThrew(_system.TaskLogger, parent.Path, ex); }
        }
        if (outcome == ActorTaskState.Failed && !handled && !observed)
            TaskLog.UnobservedFailure(_system.TaskLogger, Path, failure);
    }
}
