namespace Actors.Supervision;

/// <summary>What a supervisor's decider makes of a child's exception.</summary>
public enum SupervisorDirective
{
    /// <summary>Skip the failed message and keep the child as it is (handler actors; a process body cannot resume and is restarted).</summary>
    Resume,

    /// <summary>Restart by the strategy, within the restart intensity. The default.</summary>
    Restart,

    /// <summary>Leave the child stopped; it is not restarted.</summary>
    Stop,

    /// <summary>Fail the supervisor with the child's exception, so its own parent decides.</summary>
    Escalate,
}
