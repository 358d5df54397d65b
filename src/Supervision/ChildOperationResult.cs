namespace Actors.Supervision;

/// <summary>The outcome of a child administration request.</summary>
public enum ChildOperationResult
{
    /// <summary>Done as asked.</summary>
    Ok,

    /// <summary>The child is already running (start or restart of a running child, delete of a running child).</summary>
    AlreadyRunning,

    /// <summary>A spec with this id exists but is terminated (start of a known id).</summary>
    AlreadyPresent,

    /// <summary>No child has this id.</summary>
    NotFound,

    /// <summary>The child is waiting to restart; terminate it first to delete it.</summary>
    Restarting,

    /// <summary>The supervisor is shutting down or finished and accepts no requests.</summary>
    ShuttingDown,

    /// <summary>The start function answered "ignore" (returned null): the spec is kept, nothing runs, and it is not restarted.</summary>
    Ignored,
}
