namespace Actors.Internal;

/// <summary>Marks a mailbox message as a tick of one arming of a timer, so stale ticks of a cancelled timer are skipped.</summary>
internal sealed class TimerTick(ActorTimerEntry entry, int generation, Action<TimerTick> settled) : ConditionalMeta
{
    public ActorTimerEntry Entry { get; } = entry;

    public int Generation { get; } = generation;

    public override bool IsCurrent => Entry.IsCurrent(Generation);

    public override void Settled() => settled(this);
}
