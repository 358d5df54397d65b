using System.Text.Json.Serialization;
using ChatServer.Channels;

namespace ChatServer.Cluster;

/// <summary>The chat's messages between nodes, declared for System.Text.Json's source generator (nothing found by reflection).</summary>
[JsonSerializable(typeof(RelayMsg))]
[JsonSerializable(typeof(JoinResult))]
[JsonSerializable(typeof(UserInfo))]
internal sealed partial class ChatJsonContext : JsonSerializerContext;
