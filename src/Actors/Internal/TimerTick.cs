namespace Actors.Internal;

/// <summary>Marks a mailbox message as a tick of one arming of a timer, so stale ticks of a cancelled timer are skipped.</summary>
internal sealed class TimerTick(ActorTimerEntry entry, int generation)
{
    public ActorTimerEntry Entry { get; } = entry;

    public int Generation { get; } = generation;

    public bool IsCurrent => Entry.IsCurrent(Generation);
}
