using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;

namespace Actors.Supervision.Internal;

/// <summary>
/// A supervisor's state and event loop. The loop runs as the supervisor task's process body and is the
/// only code that touches the slots, so supervisor state needs no lock. Child exits reach it as
/// <see cref="ChildExited"/> events posted by the kernel's exit handler.
/// <para>States: Starting (children start in spec order) → Supervising → ShuttingDown (children stop
/// in reverse spec order; exits are no longer restarted) → finished (Completed on auto-shutdown or a
/// stop, Failed on escalation or when the restart intensity is exceeded).</para>
/// <para>Restarts never run inside the handling of a child's exit: the exit hands the child (or its group)
/// to a restart sequence (<see cref="RestartSequence"/>), which waits Polly's delay off the loop and posts
/// each attempt back as a <see cref="RestartAttempt"/>; a backoff without delays posts the attempt at once,
/// without the pipeline. A crash and a failed start each count against the restart intensity.</para>
/// <para>Stopping: the kernel's OnStop hook posts <see cref="ShutdownRequested"/> and waits for the children
/// to be stopped; if the loop ends first (it saw its token cancelled), it stops the children on its way out,
/// so the hook never waits on a loop that is gone.</para>
/// </summary>
internal sealed partial class SupervisorCore(SupervisorOptions options, TimeProvider time) : IChildExitHandler
{
    private readonly List<ChildSlot> _slots = [.. options.Children.Select(spec => new ChildSlot(spec, dynamic: false))];   // spec order
    private readonly RestartIntensity _intensity = new(options.MaxRestarts, options.Window, time);
    private ActorContext<SupervisorEvent> _ctx = null!;   // set when the loop starts
    private readonly RestartLog _restartLog = new(time);  // restart warnings, aggregated per child; loop only
    private readonly TaskCompletionSource _childrenStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);   // the shutdown is done, or the loop has ended
    private bool _shuttingDown;                          // no more restarts
    private ILogger _log = null!;                        // category Actors.Supervision; set when the loop starts
    private SupervisionMeter _meter = null!;             // set when the loop starts
    private KeyValuePair<string, object?>[] _tags = [];  // the supervisor's metric tags; set when the loop starts

    /// <summary>Called by the kernel on the thread that finished a child; it only posts.</summary>
    public bool OnChildExited(ActorTask child)
    {
        Volatile.Read(ref _ctx)?.SelfRef.TryTell(new ChildExited(child));
        return true;   // the supervisor takes responsibility for its children's failures
    }

    /// <summary>The kernel's OnStop hook: the loop stops the children in its own order.</summary>
    public Task OnStopAsync(StopCause cause)
    {
        var ctx = Volatile.Read(ref _ctx);
        if (ctx is null) return Task.CompletedTask;
        ctx.SelfRef.TryTell(new ShutdownRequested(cause));   // refused only once the loop is ending, and it completes the wait then
        return _childrenStopped.Task;
    }

    public async Task RunAsync(ActorContext<SupervisorEvent> ctx)
    {
        _log = ctx.System.CreateLogger(SupervisionLog.Category);
        _meter = SupervisionMeter.For(ctx.System);
        _tags = SupervisionMeter.Tags(ctx.System, "actors.supervisor.name", ctx.Self.Name);
        Volatile.Write(ref _ctx, ctx);
        try
        {
            foreach (var slot in _slots) StartNow(slot);
            while (true)
            {
                var next = await ctx.ReceiveAsync().ConfigureAwait(false);
                if (await HandleAsync(next).ConfigureAwait(false)) return;
            }
        }
        finally
        {
            // Whatever ended the loop (a stop seen as cancellation before the shutdown request, an escalation,
            // a start that threw), the children are stopped before the OnStop hook is released.
            await ShutdownChildrenAsync().ConfigureAwait(false);
            _childrenStopped.TrySetResult();
        }
    }

    /// <summary>Handles one event; true when the supervisor should end normally.</summary>
    private async Task<bool> HandleAsync(SupervisorEvent next)
    {
        switch (next)
        {
            case ChildExited exited:
                return await OnExitedAsync(exited.Task).ConfigureAwait(false);
            case RestartAttempt attempt:
                await OnRestartAttemptAsync(attempt).ConfigureAwait(false);
                return false;
            case ShutdownRequested:
                await ShutdownChildrenAsync().ConfigureAwait(false);
                _childrenStopped.TrySetResult();
                return false;
            case AdminRequest request:
                await AdministerAsync(request).ConfigureAwait(false);
                return false;
            default:
                return false;
        }
    }

    private async Task<bool> OnExitedAsync(ActorTask task)
    {
        if (SlotOf(task) is not { } slot) return false;   // an instance the supervisor stopped itself, or already replaced
        slot.Current = null;
        slot.Status = ChildStatus.Terminated;
        if (_shuttingDown) return false;
        var failure = task.State == ActorTaskState.Failed ? task.Failure : null;
        if (failure is not null) slot.LastFailure = failure;
        RecordExit(slot, task, failure);
        var directive = failure is null ? SupervisorDirective.Restart : DecideOnce(slot, failure);
        if (directive == SupervisorDirective.Escalate) await EscalateAsync(failure!).ConfigureAwait(false);
        var restart = directive is SupervisorDirective.Restart or SupervisorDirective.Resume && slot.Spec.Restart switch
        {
            RestartPolicy.Always => true,
            RestartPolicy.OnFailure => task.State == ActorTaskState.Failed,
            _ => false,
        };
        if (!restart)
        {
            slot.EndedForGood();
            SupervisionLog.ChildNotRestarted(_log, _ctx.Self.Path, slot.Spec.Id, task.State, slot.Spec.Restart, directive, failure);
            if (slot.Dynamic && slot.Spec.Restart == RestartPolicy.Never) RemoveSlot(slot);
            return await AutoShutdownAsync(slot).ConfigureAwait(false);
        }
        if (!_intensity.TryRecord())
            await EscalateAsync(new RestartIntensityExceededException(_ctx.Self.Path, options.MaxRestarts, options.Window, failure)).ConfigureAwait(false);
        if (_restartLog.Admit(_log, _ctx.Self.Path, slot.Spec.Id)) SupervisionLog.ChildRestarting(_log, _ctx.Self.Path, slot.Spec.Id, task.State, options.Strategy, failure);
        await RestartByStrategyAsync(slot).ConfigureAwait(false);
        return false;
    }

    /// <summary>The slot whose running instance is <paramref name="task"/>, or null.</summary>
    private ChildSlot? SlotOf(ActorTask task)
    {
        foreach (var slot in _slots)
            if (ReferenceEquals(slot.Current, task)) return slot;
        return null;
    }

    private SupervisorDirective Decide(Exception failure)
    {
        try { return options.Decider(failure); }
        catch (Exception ex)
        {
            SupervisionLog.DeciderThrew(_log, _ctx.Self.Path, ex);
            return SupervisorDirective.Escalate;
        }
    }

    /// <summary>Stops every child, then fails the supervisor with <paramref name="failure"/> (original stack kept).</summary>
    private async Task EscalateAsync(Exception failure)
    {
        SupervisionLog.Escalating(_log, _ctx.Self.Path, failure);
        SupervisionMeter.Add(_meter.Escalations, _tags);
        await ShutdownChildrenAsync().ConfigureAwait(false);
        ExceptionDispatchInfo.Capture(failure).Throw();
    }

    private async Task<bool> AutoShutdownAsync(ChildSlot ended)
    {
        if (!ended.Spec.Significant) return false;
        var end = options.AutoShutdown switch
        {
            AutoShutdown.AnySignificant => true,
            AutoShutdown.AllSignificant => _slots.Where(s => s.Spec.Significant).All(s => s.Status == ChildStatus.Terminated),
            _ => false,
        };
        if (end)
        {
            SupervisionLog.SignificantChildEnded(_log, _ctx.Self.Path, ended.Spec.Id, options.AutoShutdown);
            await ShutdownChildrenAsync().ConfigureAwait(false);
        }
        return end;
    }

    /// <summary>Stops every child in reverse spec order, each within its shutdown timeout; no restarts after this.</summary>
    private async Task ShutdownChildrenAsync()
    {
        if (!_shuttingDown) _restartLog.Flush(_log, _ctx.Self.Path);
        _shuttingDown = true;
        for (var i = _slots.Count - 1; i >= 0; i--)
        {
            await StopSlotAsync(_slots[i]).ConfigureAwait(false);
            _slots[i].EndedForGood();
        }
    }

}
