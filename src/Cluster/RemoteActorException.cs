namespace Actors.Cluster;

/// <summary>An ask to an actor on another node failed there; the original exception's type and message travel, not its object.</summary>
public sealed class RemoteActorException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="remoteType">The full name of the exception type thrown on the other node.</param>
    /// <param name="message">Its message.</param>
    public RemoteActorException(string remoteType, string message) : base($"{remoteType}: {message}") => RemoteType = remoteType;

    /// <summary>The full name of the exception type thrown on the other node.</summary>
    public string RemoteType { get; }
}
