namespace Actors.Supervision;

/// <summary>Where a supervised child slot is.</summary>
public enum ChildStatus
{
    /// <summary>An instance is running.</summary>
    Running,

    /// <summary>Waiting for its restart delay (or its restart is in progress).</summary>
    Restarting,

    /// <summary>Not running and not to be restarted (stopped, exited for good, or terminated by request).</summary>
    Terminated,
}
