using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Actors.Cluster;

/// <summary>How a node joins the cluster. Validated by <see cref="ClusterNode.StartAsync"/>.</summary>
public sealed partial class ClusterOptions
{
    /// <summary>The NATS server (JetStream enabled for the registry).</summary>
    /// <value><c>nats://127.0.0.1:4222</c>.</value>
    public string Url { get; init; } = "nats://127.0.0.1:4222";

    /// <summary>The node's id, unique in the cluster: letters, digits, '-' and '_'.</summary>
    /// <value>No default; required.</value>
    public string NodeId { get; init; } = "";

    /// <summary>
    /// Source-generated <c>JsonSerializerContext</c>s (or other resolvers) that declare every message and
    /// reply type sent between nodes; polymorphic message types declare their derived types with
    /// <c>[JsonDerivedType]</c>. Nothing is found by reflection at run time.
    /// </summary>
    /// <value>Empty; add at least the contexts of the messages you send.</value>
    public IList<IJsonTypeInfoResolver> Serializers { get; } = [];

    /// <summary>The first token of every subject and the prefix of the registry bucket; nodes of one cluster share it.</summary>
    /// <value><c>actors</c>.</value>
    public string SubjectPrefix { get; init; } = "actors";

    /// <summary>Largest encoded message: a bigger one is dead-lettered with <see cref="DeadLetterReason.TooLarge"/> (by the sender, or by the receiver if a sender ignores the limit).</summary>
    /// <value>512 KiB (NATS refuses payloads over its own limit, 1 MiB by default).</value>
    public int MaxMessageBytes { get; init; } = 512 * 1024;

    /// <summary>Encoded messages waiting to be written to NATS; past it <c>Tell</c> throws <see cref="MailboxFullException"/>, <c>TryTell</c> returns false and <c>SendAsync</c> waits.</summary>
    /// <value>65,536.</value>
    public int OutboundCapacity { get; init; } = 65_536;

    /// <summary>How long a registration lives without being renewed (its node renews it every third of this).</summary>
    /// <value>15 seconds.</value>
    public TimeSpan RegistrationLease { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the node says it is alive.</summary>
    /// <value>500 milliseconds.</value>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A node not heard from for this long is marked down: references to its actors finish and its registrations are released.</summary>
    /// <value>3 seconds.</value>
    public TimeSpan DownAfter { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long <see cref="ClusterNode.StartAsync"/> waits for the server.</summary>
    /// <value>10 seconds.</value>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Url)) throw new ArgumentException("Set ClusterOptions.Url to the NATS server, such as nats://127.0.0.1:4222.", nameof(Url));
        if (!TokenPattern().IsMatch(NodeId)) throw new ArgumentException($"ClusterOptions.NodeId '{NodeId}' must be non-empty and use only letters, digits, '-' and '_'.", nameof(NodeId));
        if (!TokenPattern().IsMatch(SubjectPrefix)) throw new ArgumentException($"ClusterOptions.SubjectPrefix '{SubjectPrefix}' must be non-empty and use only letters, digits, '-' and '_'.", nameof(SubjectPrefix));
        if (Serializers.Count == 0) throw new ArgumentException("Add the JsonSerializerContext that declares your message types to ClusterOptions.Serializers.", nameof(Serializers));
        if (MaxMessageBytes < 1024) throw new ArgumentOutOfRangeException(nameof(MaxMessageBytes), MaxMessageBytes, "MaxMessageBytes must be at least 1024.");
        if (OutboundCapacity < 1) throw new ArgumentOutOfRangeException(nameof(OutboundCapacity), OutboundCapacity, "OutboundCapacity must be at least 1.");
        Positive(RegistrationLease, nameof(RegistrationLease));
        Positive(HeartbeatInterval, nameof(HeartbeatInterval));
        Positive(ConnectTimeout, nameof(ConnectTimeout));
        if (DownAfter <= HeartbeatInterval * 2) throw new ArgumentOutOfRangeException(nameof(DownAfter), DownAfter, "DownAfter must be more than twice HeartbeatInterval, or healthy nodes would be marked down.");
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex TokenPattern();
}
