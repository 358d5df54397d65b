namespace Actors.Internal;

/// <summary>Bits of a task's lifecycle bookkeeping, guarded by the tree lock.</summary>
[Flags]
internal enum NodeFlags
{
    None = 0,

    /// <summary>A stop has been applied: children are being stopped and the body cancelled.</summary>
    StopRequested = 1,

    /// <summary>Someone awaits the outcome, so a failure is not reported as unobserved.</summary>
    Observed = 2,

    /// <summary>The task has left its parent's child list.</summary>
    Detached = 4,

    /// <summary>The system gave up waiting for the body after a forceful stop.</summary>
    Abandoned = 8,

    /// <summary>The body has ended (the task may still wait for nothing else: body end makes it final).</summary>
    BodyEnded = 16,
}
