namespace Actors.Cluster.Internal;

/// <summary>One NATS publish waiting in the node's outbound queue.</summary>
internal readonly record struct OutFrame(string Subject, byte[] Payload, string? ReplyTo);
