namespace Actors.Cluster.Internal;

/// <summary>A failed ask's answer on the wire: the exception's type, message, and for a finished recipient its path and state.</summary>
internal sealed record RemoteError(string Type, string Message, string? Path = null, ActorTaskState? State = null);
