using Polly;

namespace Actors.Supervision.Internal;

/// <summary>One child spec and its current instance. Owned by the supervisor's loop: only the loop reads or writes it.</summary>
internal sealed class ChildSlot(ChildSpec spec, bool dynamic)
{
    public ChildSpec Spec { get; } = spec;

    /// <summary>Added at run time; a group restart caused by another child does not bring it back.</summary>
    public bool Dynamic { get; } = dynamic;

    /// <summary>The running instance, or null.</summary>
    public ActorTask? Current;

    public ChildStatus Status = ChildStatus.Terminated;

    /// <summary>Restarts so far (shown in snapshots).</summary>
    public int Restarts;

    /// <summary>The failure of the last instance that failed, for introspection.</summary>
    public Exception? LastFailure;

    /// <summary>Bumped whenever a restart sequence is cancelled, so its late attempts are refused.</summary>
    public int Generation;

    /// <summary>The slot's stable reference, or null when the spec names no message type.</summary>
    public ISlotRef? Ref;

    /// <summary>How the last instance ended (null: normally or stopped by the supervisor), for the next start.</summary>
    public Exception? ExitFailure;

    /// <summary>The message the last instance failed on, for the next start.</summary>
    public object? ExitMessage;

    /// <summary>Watches of this slot, told once when it ends for good (not on restarts).</summary>
    public List<Actors.Internal.IWatch>? Watchers;

    /// <summary>Cancels this slot's restart sequence (its Polly execution), if one runs.</summary>
    public CancellationTokenSource? PendingRestart;

    /// <summary>The slots this slot's restart sequence brings back, in spec order (itself, or its group); null when none is pending.</summary>
    public List<ChildSlot>? PendingGroup;

    /// <summary>The restart sequence's current instance: set false when it crashes before its stable period, true by the sequence once it was stable.</summary>
    public TaskCompletionSource<bool>? Outcome;

    /// <summary>The Polly pipeline that spaces this child's restarts; built once for the slot's spec.</summary>
    public ResiliencePipeline? Pipeline;

    /// <summary>The slot alone, as a restart group of one (one-for-one restarts need no list each).</summary>
    public List<ChildSlot> Alone => _alone ??= [this];

    /// <summary>The spawn options every instance shares when the slot has no stable reference (so no per-instance handoff); made once.</summary>
    public SpawnOptions? InstanceOptions;

    private List<ChildSlot>? _alone;

    // The directive decided on a failing instance's thread for the failure it names, taken once by the loop.
    // Guarded by _decisionLock: an instance abandoned at shutdown may still fail while the loop reads.
    private readonly Lock _decisionLock = new();
    private Exception? _decidedFailure;
    private SupervisorDirective _decided;

    public bool IsSupervisor => Spec.IsSupervisor;

    /// <summary>Keeps the directive decided for <paramref name="failure"/> for the loop (any thread).</summary>
    public void KeepDecision(Exception failure, SupervisorDirective directive)
    {
        lock (_decisionLock)
        {
            _decidedFailure = failure;
            _decided = directive;
        }
    }

    /// <summary>The directive kept for <paramref name="failure"/>, once; null if none was decided for it.</summary>
    public SupervisorDirective? TakeDecision(Exception failure)
    {
        lock (_decisionLock)
        {
            if (!ReferenceEquals(_decidedFailure, failure)) return null;
            _decidedFailure = null;
            return _decided;
        }
    }

    /// <summary>The slot ended for good: tell its watchers, once.</summary>
    public void EndedForGood()
    {
        Status = ChildStatus.Terminated;
        CancelPendingRestart();
        Ref?.Close();
        var watchers = Watchers;
        Watchers = null;
        if (watchers is not null) foreach (var watch in watchers) watch.Deliver();
    }

    /// <summary>Ends the restart sequence, if any: its pending attempt is refused and its delay cancelled.</summary>
    public void CancelPendingRestart()
    {
        Generation++;
        PendingRestart?.Cancel();
        PendingRestart?.Dispose();
        PendingRestart = null;
        Outcome = null;
        if (PendingGroup is { } group)
        {
            PendingGroup = null;
            foreach (var member in group) if (member.Status == ChildStatus.Restarting) member.Status = ChildStatus.Terminated;
        }
    }
}
