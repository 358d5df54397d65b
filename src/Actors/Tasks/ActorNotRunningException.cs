namespace Actors;

/// <summary>An ask reached a task that has finished (or finished before handling it).</summary>
public sealed class ActorNotRunningException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The recipient's path.</param>
    /// <param name="state">The state it finished in.</param>
    public ActorNotRunningException(string path, ActorTaskState state)
        : base($"Task {path} is {state} and handles no more messages; the request went to dead letters. Look the task up again or start a new one.")
    {
        Path = path;
        State = state;
    }

    /// <summary>The recipient's path.</summary>
    public string Path { get; }

    /// <summary>The state the recipient finished in.</summary>
    public ActorTaskState State { get; }
}
