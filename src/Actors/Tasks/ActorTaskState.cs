namespace Actors;

/// <summary>
/// Where a task is in its life. Legal transitions:
/// <code>
/// Initialized --start--> Running --body returns--> Completed
/// Initialized --stop---> Stopped    Running --body throws--> Failed
/// Running -----stop----> Stopped    (a finished task ignores stop)
/// </code>
/// Completed, Failed and Stopped are final.
/// </summary>
public enum ActorTaskState
{
    /// <summary>Spawned, body not begun yet (queued, or waiting for <see cref="ActorTask.Start"/>).</summary>
    Initialized,

    /// <summary>The body runs, or the actor is ready to handle messages. A running task may be stopping.</summary>
    Running,

    /// <summary>The body returned (or a handler actor's mailbox was completed and drained).</summary>
    Completed,

    /// <summary>The body or a handler threw, or the task ran past its deadline.</summary>
    Failed,

    /// <summary>The task was stopped before it finished on its own.</summary>
    Stopped,
}
