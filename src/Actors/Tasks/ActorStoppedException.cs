namespace Actors;

/// <summary>
/// Awaiting a task that was stopped throws this. It derives from <see cref="OperationCanceledException"/>,
/// so code that treats cancellation generically keeps working; catch this type to tell a stop apart.
/// </summary>
public sealed class ActorStoppedException : OperationCanceledException
{
    /// <summary>Creates the exception for a stopped task.</summary>
    /// <param name="path">Path of the stopped task.</param>
    /// <param name="cause">Why it was stopped.</param>
    public ActorStoppedException(string path, StopCause cause)
        : base($"Task {path} was stopped: {cause}.", cause.Exception)
    {
        Path = path;
        Cause = cause;
    }

    /// <summary>Path of the stopped task.</summary>
    public string Path { get; }

    /// <summary>Why it was stopped.</summary>
    public StopCause Cause { get; }
}
