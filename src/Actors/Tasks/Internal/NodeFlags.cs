namespace Actors.Internal;

/// <summary>Bits of a task's lifecycle bookkeeping, guarded by the tree lock.</summary>
[Flags]
internal enum NodeFlags : byte
{
    None = 0,

    /// <summary>Someone awaits the outcome, so a failure is not reported as unobserved.</summary>
    Observed = 1,

    /// <summary>The task has left its parent's child list.</summary>
    Detached = 2,

    /// <summary>The body has ended: the task accepts no new children (it may still be stopping the ones it has).</summary>
    BodyEnded = 4,
}
