using System.Runtime.CompilerServices;
using Actors.Internal;

namespace Actors;

public abstract partial class ActorTask
{
    /// <summary>
    /// Stops the task: its non-transient descendants first, in reverse start order, each waited for;
    /// then its body sees cancellation at its next await and its <c>finally</c> blocks run. Transient
    /// children are not stopped: they move up to this task's parent. Stopping a finished task leaves
    /// it as it is (its remaining children are still stopped). Inside a <see cref="ActorContext.DeferStop"/>
    /// scope the stop is remembered and applied when the scope exits; a second stop is immediate.
    /// </summary>
    /// <param name="cause">Why; every stopped descendant sees it. Null for <see cref="Actors.StopCause.Requested"/>.</param>
    /// <param name="cancellationToken">Stops the waiting, not the stop.</param>
    /// <returns>
    /// Completes when the task is final, whatever its state (it never throws the task's failure).
    /// Called from inside the subtree being stopped it completes at once, since waiting there would wait on itself.
    /// </returns>
    public Task StopAsync(StopCause? cause = null, CancellationToken cancellationToken = default)
    {
        var stop = StopCoreAsync(cause ?? Actors.StopCause.Requested);
        if (IsInsideSubtree(ActorContext.CurrentTask)) return Task.CompletedTask;
        return cancellationToken.CanBeCanceled ? stop.WaitAsync(cancellationToken) : stop;
    }

    /// <summary>
    /// True while a stop is held back by an open <see cref="ActorContext.DeferStop"/> section: it was
    /// requested and will apply when the section ends (or at once on a second stop). Introspection shows it.
    /// </summary>
    public bool IsStopDeferred
    {
        get { lock (_system.TreeLock) return _extras?.DeferredStop is not null; }
    }

    /// <summary>A stop was applied or is deferred (a later stop would be a second one). Caller holds the tree lock.</summary>
    internal bool StopAskedLocked => _stopRequested || _extras?.DeferredStop is not null;

    /// <summary>Requests a stop without waiting for it (see <see cref="StopAsync"/>).</summary>
    /// <param name="cause">Why; null for <see cref="Actors.StopCause.Requested"/>.</param>
    public void Stop(StopCause? cause = null) => _ = StopCoreAsync(cause ?? Actors.StopCause.Requested);

    /// <summary>Applies or defers a stop; the returned task completes when this task is final.</summary>
    internal Task StopCoreAsync(StopCause cause)
    {
        if (_parent is null && this is RootTask) return _system.StopAsync();
        var leaf = false;
        lock (_system.TreeLock)
        {
            if (IsFinished)
            {
                if (_normalChildren == 0) return Task.CompletedTask;
            }
            else if (_stopRequested) return WhenFinishedLocked();
            else if (_extras is { DeferDepth: > 0, DeferredStop: null })
            {
                Extras.DeferredStop = cause;
                return WhenFinishedLocked();
            }
            else
            {
                if (_extras?.DeferredStop is { } first)
                {
                    cause = first;   // a second stop inside the scope applies the first one now
                    _extras.DeferredStop = null;
                }
                _stopCause = cause;
                _stopRequested = true;
                leaf = _firstChild is null && _options.OnStop is null;   // most of a tree: no children to walk
            }
        }
        if (leaf) return CancelBodyAndWait();
        // A finished task ignores the stop but its remaining children do not.
        return IsFinished ? StopChildrenAsync(cause, includeTransient: false) : RunStopAsync(cause);
    }

    /// <summary>
    /// The last step of a stop: cancels the body, then completes when the task is final. All of a stop when the
    /// task had no child when the stop was applied (one its body spawns after that is stopped when the body
    /// ends) and no hook.
    /// </summary>
    private Task CancelBodyAndWait()
    {
        try { CancelBody(); }
        catch (Exception ex) { return Task.FromException(ex); }   // a cancellation callback threw: the stop's task carries it
        return IsFinished ? Task.CompletedTask : WhenFinished();
    }

    /// <summary>Stops the task, making it end Failed with <paramref name="failure"/> if that is set.</summary>
    internal void StopObserved(StopCause cause, Exception? failure)
    {
        lock (_system.TreeLock)
        {
            if (failure is not null && !IsFinished) Extras.StopFailure ??= failure;
        }
        _ = StopCoreAsync(cause);
    }

    /// <summary>
    /// The stop itself: the hook, the children (last started first), then the body's cancellation, then the
    /// wait for the task to be final. An idle subtree (no hook, children that finish as they are stopped)
    /// runs through synchronously with no allocation; the first step that has to wait goes async.
    /// </summary>
    private Task RunStopAsync(StopCause cause)
    {
        if (_options.OnStop is not null || !RuntimeHelpers.TryEnsureSufficientExecutionStack()) return RunStopSlowAsync(cause);
        var children = StopChildrenAsync(cause, includeTransient: false);
        return children.IsCompletedSuccessfully ? CancelBodyAndWait() : CancelAfterAsync(children);
    }

    private async Task RunStopSlowAsync(StopCause cause)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) await Task.Yield();
        if (_options.OnStop is { } onStop)
        {
            try { await RunOnStopAsync(onStop, cause).ConfigureAwait(false); }
            catch (Exception ex) { TaskLog.OnStopThrew(_system.TaskLogger, Path, ex); }
        }
        await CancelAfterAsync(StopChildrenAsync(cause, includeTransient: false)).ConfigureAwait(false);
    }

    /// <summary>Once the children have stopped, cancels the body and waits for the task to be final.</summary>
    private async Task CancelAfterAsync(Task children)
    {
        await children.ConfigureAwait(false);
        await CancelBodyAndWait().ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the hook as the task's own code: from inside it, a stop of this task only requests (it is
    /// under way) and awaiting this task's outcome is refused, instead of waiting on itself forever.
    /// </summary>
    private async Task RunOnStopAsync(Func<StopCause, Task> onStop, StopCause cause)
    {
        ActorContext.EnterBody(this);   // scoped to this async method: the caller's flow is untouched
        await onStop(cause).ConfigureAwait(false);
    }

    /// <summary>Cancels the body (and finishes the task if no body is running). Called without the lock.</summary>
    private protected abstract void CancelBody();

    /// <summary>The body ended by letting another task's <see cref="ActorStoppedException"/> escape: it ends Stopped, for that cause.</summary>
    internal void AdoptStopCause(StopCause cause)
    {
        lock (_system.TreeLock) _stopCause ??= cause;
    }

    internal DeferStopScope EnterDeferStop()
    {
        lock (_system.TreeLock)
        {
            if (IsFinished) return default;
            var extras = Extras;
            if (extras.DeferDepth++ == 0) extras.DeferEpoch++;
            return new DeferStopScope(this, extras.DeferDepth, extras.DeferEpoch);
        }
    }

    /// <summary>
    /// Leaves the scope opened at <paramref name="depth"/> (and any still open inside it). A scope
    /// disposed twice, or after an outer one closed it, is ignored: it never closes an outer scope.
    /// </summary>
    internal void ExitDeferStop(int depth, int epoch)
    {
        StopCause? pending = null;
        lock (_system.TreeLock)
        {
            if (_extras is not { } extras || epoch != extras.DeferEpoch || depth > extras.DeferDepth) return;
            extras.DeferDepth = depth - 1;
            if (extras.DeferDepth == 0 && extras.DeferredStop is { } cause)
            {
                pending = cause;
                extras.DeferredStop = null;
            }
        }
        if (pending is not null) _ = StopCoreAsync(pending);
    }

    internal bool IsInsideSubtree(ActorTask? task)
    {
        if (task is null || task._system != _system) return false;
        lock (_system.TreeLock)
        {
            for (var t = task; t is not null; t = t._parent)
                if (ReferenceEquals(t, this)) return true;
        }
        return false;
    }
}
