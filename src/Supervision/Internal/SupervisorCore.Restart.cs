using Polly;
using Polly.Retry;

namespace Actors.Supervision.Internal;

internal sealed partial class SupervisorCore
{
    private async Task RestartByStrategyAsync(ChildSlot failed)
    {
        if (options.Strategy == SupervisionStrategy.OneForOne)
        {
            ScheduleRestart(failed);
            return;
        }
        var from = options.Strategy == SupervisionStrategy.OneForAll ? 0 : _slots.IndexOf(failed);
        var group = _slots.Skip(from).Where(s => ReferenceEquals(s, failed) || s.Status != ChildStatus.Terminated).ToList();
        for (var i = group.Count - 1; i >= 0; i--) await StopSlotAsync(group[i]).ConfigureAwait(false);
        foreach (var slot in group)
        {
            if (slot.Dynamic)
            {
                slot.EndedForGood();                                             // added at run time: not brought back
                RemoveSlot(slot);
            }
            else if (slot.Spec.Restart == RestartPolicy.Never && !ReferenceEquals(slot, failed)) slot.EndedForGood();   // stopped, not restarted
            else ScheduleRestart(slot);
        }
    }

    /// <summary>Restarts a slot at once, or after its backoff delay through a Polly pipeline.</summary>
    private void ScheduleRestart(ChildSlot slot)
    {
        var backoff = slot.Spec.Backoff ?? options.Backoff;
        if (slot.StartedAt != 0 && time.GetElapsedTime(slot.StartedAt) >= backoff.StablePeriod) slot.Attempt = 0;
        var delay = backoff.Delay(slot.Attempt);
        slot.Attempt = slot.Attempt == int.MaxValue ? int.MaxValue : slot.Attempt + 1;
        slot.Restarts++;
        SupervisionMeter.Add(_meter.Restarts, _tags);
        slot.CancelPendingRestart();
        if (delay == TimeSpan.Zero && TryStartNow(slot)) return;
        slot.Status = ChildStatus.Restarting;
        slot.PendingRestart = new CancellationTokenSource();
        _ = RestartLaterAsync(slot, slot.Generation, delay, backoff, slot.PendingRestart.Token);
    }

    /// <summary>
    /// Waits for the delay, then starts the child through a Polly retry pipeline whose delays come from
    /// the backoff: a start that throws is retried, later and later, until it succeeds or the restart is
    /// cancelled (terminate, delete, shutdown). The loop stays free meanwhile.
    /// </summary>
    private async Task RestartLaterAsync(ChildSlot slot, int generation, TimeSpan delay, RestartBackoff backoff, CancellationToken cancellationToken)
    {
        ActorTask? task = null;
        Exception? error = null;
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                    MaxRetryAttempts = int.MaxValue,
                    DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(backoff.Delay(Math.Min(slot.Attempt + args.AttemptNumber, int.MaxValue - 1))),
                    OnRetry = args =>
                    {
                        SupervisionLog.RestartRetrying(_log, _ctx.Self.Path, slot.Spec.Id, args.RetryDelay, args.Outcome.Exception);
                        return ValueTask.CompletedTask;
                    },
                })
                .Build();
            task = await pipeline.ExecuteAsync(static (state, ct) =>
            {
                ct.ThrowIfCancellationRequested();
                return ValueTask.FromResult(state.Core.Spawn(state.Slot));
            }, (Core: this, Slot: slot), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { return; }
        catch (Exception ex) { error = ex; }
        if (!_ctx.SelfRef.TryTell(new RestartCompleted(slot, generation, task, error))) _ = task?.StopAsync();
    }

    private void OnRestartCompleted(RestartCompleted done)
    {
        var slot = done.Slot;
        if (done.Generation != slot.Generation || _shuttingDown || !_slots.Contains(slot))
        {
            _ = done.Task?.StopAsync(new StopCause("restart superseded"));
            return;
        }
        slot.PendingRestart?.Dispose();
        slot.PendingRestart = null;
        if (done.Task is null)
        {
            if (done.Error is null) Ignored(slot);   // the start answered ignore
            return;
        }
        Started(slot, done.Task);
    }

    private bool TryStartNow(ChildSlot slot)
    {
        try
        {
            StartNow(slot);
            return true;
        }
        catch (Exception ex)
        {
            SupervisionLog.RestartFailed(_log, _ctx.Self.Path, slot.Spec.Id, ex);
            return false;
        }
    }

    private void StartNow(ChildSlot slot) => Started(slot, Spawn(slot));

    /// <summary>Spawns an instance (with a handoff that keeps the slot's messages), or null when the start answers ignore.</summary>
    private ActorTask? Spawn(ChildSlot slot)
    {
        var spec = slot.Spec;
        var resumeOn = spec.Options.ResumeOn ?? (ex => Decide(ex) == SupervisorDirective.Resume);
        var spawn = new SpawnOptions(spec.Options) { Name = spec.Id, NameConflict = NameConflictPolicy.Replace, ResumeOn = resumeOn, Handoff = slot.Ref?.NewHandoff() };
        return spec.StartWithInfo(_ctx.Self, spawn, new ChildStartInfo(slot.Restarts, slot.ExitFailure, slot.ExitMessage));
    }

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
        slot.StartedAt = time.GetTimestamp();
        task.SetSupervision(slot.Restarts, slot.LastFailure);
        if (task.IsFinished) OnChildExited(task);   // it ended before the slot knew it
    }

    /// <summary>Stops a slot's instance within its shutdown timeout, abandoning it past that. Its exit is not treated as a failure.</summary>
    private async Task StopSlotAsync(ChildSlot slot)
    {
        slot.CancelPendingRestart();
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
