using System.Text.Json.Serialization;

namespace Actors.Cluster.Internal;

/// <summary>The cluster's own wire types.</summary>
[JsonSerializable(typeof(RemoteError))]
[JsonSerializable(typeof(RegistryEntry))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;
