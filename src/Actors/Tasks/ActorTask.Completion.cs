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
        State == ActorTaskState.Failed ? _extras!.Failure! : new ActorStoppedException(PathLocked(), _stopCause ?? Actors.StopCause.Requested);

    /// <summary>
    /// The body has ended. A failed or stopped body, or one that returned while its task was being
    /// stopped (children it spawned in its cleanup), first stops its remaining non-transient children;
    /// then the task becomes final.
    /// </summary>
    private protected void OnBodyEnded(ActorTaskState outcome, Exception? failure)
    {
        StopCause? cause = null;
        Finishing finishing = default;
        lock (_system.TreeLock)
        {
            if (IsFinished) return;
            _flags |= NodeFlags.BodyEnded;   // from here on the task accepts no new children
            if (_normalChildren > 0 && (outcome != ActorTaskState.Completed || _stopRequested))
                cause = _stopCause ?? new StopCause(outcome == ActorTaskState.Failed ? "parent failed" : "parent stopped", PathLocked(), failure);
            else finishing = FinishLocked(outcome, failure);   // no child to stop first: final under this same lock
        }
        if (cause is not null) _ = FinishAfterChildrenAsync(outcome, failure, cause);
        else Announce(finishing);
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
        Finishing finishing;
        lock (_system.TreeLock)
        {
            if (IsFinished) return;
            finishing = FinishLocked(outcome, failure);
        }
        Announce(finishing);
    }

    /// <summary>Makes the unfinished task final and leaves the tree if it can; returns what to announce once the lock is released.</summary>
    private Finishing FinishLocked(ActorTaskState outcome, Exception? failure)
    {
        AssertLockHeld();
        if (outcome == ActorTaskState.Stopped && _extras?.StopFailure is { } stopFailure)
        {
            outcome = ActorTaskState.Failed;
            failure = stopFailure;
        }
        if (failure is not null) Extras.Failure = failure;
        _flags |= NodeFlags.BodyEnded;
        _state = (byte)outcome;
        var extras = _extras;
        var finishing = new Finishing(outcome, failure, extras?.Finished, extras?.Watches, extras?.Activity, _parent,
            (_flags & NodeFlags.Observed) != 0, DetachIfDoneLocked());
        if (extras is not null) extras.Watches = null;
        return finishing;
    }

    /// <summary>Tells everyone of a task made final by <see cref="FinishLocked"/>; without the lock.</summary>
    private void Announce(in Finishing f)
    {
        // The parent hears first, so whoever awaits this task resumes after the parent was told.
        if (f.Parent is not null) TellParent(f.Parent, f.Outcome, f.Failure, f.Observed);
        PublishOutcome();
        f.Finished?.TrySetResult();
        if (f.Watches is not null) foreach (var watch in f.Watches) watch.Deliver();
        _system.Diagnostics.TaskFinished(this, f.Outcome, f.Failure, f.Activity);
        if (f.RootChanged) _system.OnRootIdle();
    }

    /// <summary>What <see cref="Announce"/> needs of a task just made final, gathered under the lock.</summary>
    private readonly record struct Finishing(ActorTaskState Outcome, Exception? Failure, TaskCompletionSource? Finished,
        List<IWatch>? Watches, global::System.Diagnostics.Activity? Activity, ActorTask? Parent, bool Observed, bool RootChanged);

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
