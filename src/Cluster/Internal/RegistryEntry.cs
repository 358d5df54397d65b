namespace Actors.Cluster.Internal;

/// <summary>A registration's value in the registry bucket: where the actor lives and the message type it takes.</summary>
internal sealed record RegistryEntry(string Node, string Id, string MessageType);
