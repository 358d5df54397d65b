namespace Actors.Internal;

/// <summary>One keyed timer. Its fields are guarded by the owning <see cref="ActorTimers{TMessage}"/>'s lock.</summary>
internal sealed class ActorTimerEntry(string key, TimerPeriodMode mode, TimeSpan period)
{
    public string Key { get; } = key;

    public TimerPeriodMode Mode { get; } = mode;

    /// <summary>Zero for a one-shot timer.</summary>
    public TimeSpan Period { get; } = period;

    /// <summary>The scheduled callback; null once cancelled.</summary>
    public ITimer? Timer;

    /// <summary>Bumped on cancel, so queued ticks of an older arming are dropped.</summary>
    public volatile int Generation;

    /// <summary>A tick of this timer is in the mailbox and not yet handled.</summary>
    public bool Queued;

    public bool IsCurrent(int generation) => Generation == generation && Timer is not null;
}
