using System.Text.Json.Serialization;

namespace Actors.Benchmarks;

/// <summary>The messages remote.* and cluster.failover send between nodes.</summary>
[JsonSerializable(typeof(SinkMsg))]
[JsonSerializable(typeof(int))]
internal sealed partial class RemoteJsonContext : JsonSerializerContext;
