namespace Actors;

/// <summary>One task as seen by a snapshot.</summary>
/// <param name="Path">Path from the root.</param>
/// <param name="Depth">0 for the root, 1 for top-level tasks.</param>
/// <param name="Name">Its name, or null if anonymous.</param>
/// <param name="Label">Free text from its spawn options or set while it runs.</param>
/// <param name="Kind">Body shape.</param>
/// <param name="State">Lifecycle state.</param>
/// <param name="IsStopping">A stop has been applied.</param>
/// <param name="IsTransient">Whether its lifetime is transient.</param>
/// <param name="Age">Time since spawn.</param>
/// <param name="MailboxDepth">Messages waiting.</param>
/// <param name="Restarts">Restarts of its supervised slot.</param>
/// <param name="LastFailure">Type and message of its failure, if it failed.</param>
/// <param name="IsStopDeferred">A stop was requested and is held back by an open DeferStop section.</param>
/// <param name="MessagesHandled">Messages its handler has handled so far (0 for processes); counted per turn, so it may lag a turn behind.</param>
public sealed record ActorTaskInfo(
    string Path, int Depth, string? Name, string? Label, ActorBodyKind Kind, ActorTaskState State,
    bool IsStopping, bool IsTransient, TimeSpan Age, int MailboxDepth, int Restarts, string? LastFailure,
    bool IsStopDeferred = false, long MessagesHandled = 0);
