using Polly;

namespace Actors.Supervision.Internal;

internal sealed partial class SupervisorCore
{
    /// <summary>
    /// Restarts <paramref name="failed"/> by the strategy: stops the rest of its group (last first) and
    /// hands the group to the failed child's restart sequence. Nothing is started here: every restart
    /// runs as a <see cref="RestartAttempt"/> after Polly's delay, so the loop stays free between attempts.
    /// </summary>
    private async Task RestartByStrategyAsync(ChildSlot failed)
    {
        if (options.Strategy == SupervisionStrategy.OneForOne)
        {
            failed.Status = ChildStatus.Restarting;
            failed.PendingGroup = failed.Alone;   // no list per restart
            await ContinueRestartsAsync(failed).ConfigureAwait(false);
            return;
        }
        var from = options.Strategy == SupervisionStrategy.OneForAll ? 0 : _slots.IndexOf(failed);
        List<ChildSlot> group = [.. _slots.Skip(from).Where(s => ReferenceEquals(s, failed) || s.Status != ChildStatus.Terminated)];
        for (var i = group.Count - 1; i >= 0; i--)
            if (!ReferenceEquals(group[i], failed)) await StopSlotAsync(group[i]).ConfigureAwait(false);
        var members = new List<ChildSlot>(group.Count);
        foreach (var slot in group)
        {
            if (ReferenceEquals(slot, failed)) members.Add(slot);                  // its own policy said restart, static or added at run time
            else if (slot.Dynamic)
            {
                slot.EndedForGood();                                             // added at run time: another child's failure does not bring it back
                RemoveSlot(slot);
            }
            else if (slot.Spec.Restart == RestartPolicy.Never) slot.EndedForGood();   // stopped, not restarted
            else members.Add(slot);
        }
        foreach (var member in members) member.Status = ChildStatus.Restarting;
        failed.PendingGroup = members;
        await ContinueRestartsAsync(failed).ConfigureAwait(false);
    }

    /// <summary>Fails the running attempt of the slot's restart sequence (Polly then waits its next delay), or begins a new sequence.</summary>
    private Task ContinueRestartsAsync(ChildSlot slot)
    {
        if (slot.Outcome is { } outcome)
        {
            slot.Outcome = null;
            if (outcome.TrySetResult(false)) return Task.CompletedTask;   // crashed before its stable period: the same sequence goes on
        }
        var group = slot.PendingGroup;
        slot.PendingGroup = null;                      // keep the group through the cancellation of the old sequence
        slot.CancelPendingRestart();
        slot.PendingGroup = group;
        var backoff = slot.Spec.Backoff ?? options.Backoff;
        if (backoff.IsImmediate)
        {
            // Nothing queued before it and the loop not ending: the attempt is the loop's next step, so take it
            // now instead of posting it to be received at once; otherwise it queues behind what is there.
            if (_ctx.Self.MailboxDepth == 0 && !_ctx.Cancellation.IsCancellationRequested)
                return OnRestartAttemptAsync(new RestartAttempt(slot, slot.Generation, null));
            PostImmediateAttempt(slot);
            return Task.CompletedTask;
        }
        slot.PendingRestart = new CancellationTokenSource();
        slot.Pipeline ??= new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(backoff.ToRetryOptions()).Build();   // once per slot
        var sequence = new RestartSequence(slot, slot.Generation, _ctx.SelfRef, backoff.StablePeriod, time);
        _ = RunRestartsAsync(slot.Pipeline, sequence, slot.PendingRestart.Token);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs a restart sequence through the slot's pipeline. Up to its first wait it runs on the loop, and so
    /// does each step after the loop answers an attempt: only Polly's bookkeeping and a post, no start
    /// (starts are <see cref="RestartAttempt"/> messages), so the delay timer is armed before the loop's
    /// next message and nothing spins on the loop.
    /// </summary>
    private static async Task RunRestartsAsync(ResiliencePipeline pipeline, RestartSequence sequence, CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.ExecuteAsync(static (s, ct) => s.AttemptAsync(ct), sequence, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { /* terminated, deleted, superseded, or the supervisor stopped */ }
    }

    /// <summary>One attempt of a restart sequence: starts the pending group in spec order; if a start throws, stops what it started and counts the attempt.</summary>
    private async Task OnRestartAttemptAsync(RestartAttempt attempt)
    {
        var slot = attempt.Slot;
        if (attempt.Generation != slot.Generation || _shuttingDown || !_slots.Contains(slot))
        {
            attempt.Reply?.TrySetCanceled();
            return;
        }
        var members = MembersToStart(slot.PendingGroup ?? slot.Alone);
        var started = 0;   // members[..started] are running
        try
        {
            for (; started < members.Count; started++)
            {
                var member = members[started];
                member.Restarts++;
                SupervisionMeter.Add(_meter.Restarts, _tags);
                StartNow(member);
            }
        }
        catch (Exception ex)
        {
            for (var i = started - 1; i >= 0; i--)
            {
                await StopSlotAsync(members[i], endRestarts: false).ConfigureAwait(false);
                members[i].Status = ChildStatus.Restarting;
            }
            if (_restartLog.Admit(_log, _ctx.Self.Path, slot.Spec.Id)) SupervisionLog.RestartFailed(_log, _ctx.Self.Path, slot.Spec.Id, ex);
            if (!_intensity.TryRecord())
            {
                attempt.Reply?.TrySetCanceled();
                await EscalateAsync(new RestartIntensityExceededException(_ctx.Self.Path, options.MaxRestarts, options.Window, ex)).ConfigureAwait(false);
            }
            if (attempt.Reply is { } failed) failed.TrySetResult(null);
            else PostImmediateAttempt(slot);   // no delay to wait: the next attempt is the loop's next message but one
            return;
        }
        slot.PendingGroup = null;
        if (attempt.Reply is not { } reply) return;   // an immediate restart: no sequence waits on the instance
        var outcome = new TaskCompletionSource<bool>();   // continuations inline on purpose: see RunRestartsAsync
        slot.Outcome = outcome;
        reply.TrySetResult(outcome);
    }

    /// <summary>The members of a pending group still waiting to restart, in spec order; a lone slot (the usual case) without a copy.</summary>
    private IReadOnlyList<ChildSlot> MembersToStart(List<ChildSlot> pending) =>
        pending.Count == 1
            ? (pending[0].Status == ChildStatus.Restarting && _slots.Contains(pending[0]) ? pending : [])
            : _slots.Where(s => pending.Contains(s) && s.Status == ChildStatus.Restarting).ToList();

    /// <summary>
    /// A backoff whose every delay is zero (<see cref="RestartBackoff.IsImmediate"/>) has nothing for Polly to
    /// wait or count: the attempt goes straight to the loop as its own message (when something is queued, or
    /// after a failed start), so the supervisor still answers requests and stops between attempts, without a
    /// pipeline execution, a stable-period timer or an exception per restart. A stale attempt (the slot's
    /// generation moved on) is refused by the loop as usual.
    /// </summary>
    private void PostImmediateAttempt(ChildSlot slot) => _ctx.SelfRef.TryTell(new RestartAttempt(slot, slot.Generation, null));

    private void StartNow(ChildSlot slot) => Started(slot, Spawn(slot));

    private void Started(ChildSlot slot, ActorTask? task)
    {
        if (task is null)
        {
            Ignored(slot);
            return;
        }
        slot.Ref?.Attach(task, task.Options.Handoff as IInstanceHandoff);
        slot.Current = task;
        slot.Status = ChildStatus.Running;
        task.SetSupervision(slot.Restarts, slot.LastFailure);
        if (task.IsFinished) OnChildExited(task);   // it ended before the slot knew it
    }

    /// <summary>
    /// Stops a slot's instance within its shutdown timeout, abandoning it past that. Its exit is not treated
    /// as a failure. Unless <paramref name="endRestarts"/> is false, the slot's restart sequence ends too.
    /// </summary>
    private async Task StopSlotAsync(ChildSlot slot, bool endRestarts = true)
    {
        if (endRestarts) slot.CancelPendingRestart();
        var task = slot.Current;
        slot.Current = null;
        slot.Status = ChildStatus.Terminated;
        if (task is null || task.IsFinished) return;
        RecordExit(slot, null, null);   // stopped by its supervisor: the next start is told no failure
        var stop = task.StopAsync(new StopCause("stopped by its supervisor", _ctx.Self.Path));
        var timeout = slot.Spec.Shutdown;
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            await stop.ConfigureAwait(false);
            return;
        }
        try { await stop.WaitAsync(timeout, time).ConfigureAwait(false); }
        catch (TimeoutException)
        {
            SupervisionLog.ChildAbandoned(_log, _ctx.Self.Path, slot.Spec.Id, timeout);
            task.AbandonSubtree(new StopCause("shutdown timeout passed", task.Path));
        }
    }
}
