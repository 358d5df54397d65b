namespace Actors;

/// <summary>How a periodic timer measures its period.</summary>
public enum TimerPeriodMode
{
    /// <summary>Ticks start one period apart (fixed rate). A tick is skipped while the previous one is still queued.</summary>
    StartToStart,

    /// <summary>The next period starts when the previous tick has been handled (fixed delay).</summary>
    EndToStart,
}
