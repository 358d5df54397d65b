namespace Actors.Internal;

/// <summary>An ask whose deadline <see cref="AskDeadlines"/> arms late, only if it is still unanswered.</summary>
internal interface IAskDeadline
{
    /// <summary>The next entry in a shard's list; written by the list's owner (the pusher, then the sweeper).</summary>
    IAskDeadline? NextDeadline { get; set; }

    /// <summary>True once the ask is answered, failed or cancelled.</summary>
    bool IsSettled { get; }

    /// <summary>Arms the real timer for what is left of the deadline (expires at once if nothing is left).</summary>
    void ArmRest(long nowMs);
}
