namespace Actors.Supervision.Internal;

/// <summary>One child spec and its current instance. Owned by the supervisor's loop: only the loop reads or writes it.</summary>
internal sealed class ChildSlot(ChildSpec spec, bool dynamic)
{
    public ChildSpec Spec { get; } = spec;

    /// <summary>Added at run time; a group restart does not bring it back.</summary>
    public bool Dynamic { get; } = dynamic;

    /// <summary>The running instance, or null.</summary>
    public ActorTask? Current;

    public ChildStatus Status = ChildStatus.Terminated;

    /// <summary>Restarts so far (shown in snapshots).</summary>
    public int Restarts;

    /// <summary>Consecutive restarts since the child last ran for the stable period (drives the backoff).</summary>
    public int Attempt;

    /// <summary>The failure of the last instance that failed, for introspection.</summary>
    public Exception? LastFailure;

    /// <summary>When the current instance started (TimeProvider timestamp).</summary>
    public long StartedAt;

    /// <summary>Bumped whenever a pending restart is superseded, so its late result is discarded.</summary>
    public int Generation;

    /// <summary>The slot's stable reference, or null when the spec names no message type.</summary>
    public ISlotRef? Ref;

    /// <summary>How the last instance ended (null: normally or stopped by the supervisor), for the next start.</summary>
    public Exception? ExitFailure;

    /// <summary>The message the last instance failed on, for the next start.</summary>
    public object? ExitMessage;

    /// <summary>Watches of this slot, told once when it ends for good (not on restarts).</summary>
    public List<Actors.Internal.IWatch>? Watchers;

    /// <summary>Cancels a pending delayed restart.</summary>
    public CancellationTokenSource? PendingRestart;

    public bool IsSupervisor => Spec.IsSupervisor;

    /// <summary>The slot ended for good: tell its watchers, once.</summary>
    public void EndedForGood()
    {
        Status = ChildStatus.Terminated;
        Ref?.Close();
        var watchers = Watchers;
        Watchers = null;
        if (watchers is not null) foreach (var watch in watchers) watch.Deliver();
    }

    public void CancelPendingRestart()
    {
        Generation++;
        PendingRestart?.Cancel();
        PendingRestart?.Dispose();
        PendingRestart = null;
    }
}
