namespace ChatServer;

/// <summary>Settings of the chat server, bound from the "Chat" configuration section (e.g. <c>--Chat:IrcPort=6668</c>).</summary>
public sealed class ChatOptions
{
    /// <summary>Address both listeners bind to.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>IRC port; 0 picks a free one.</summary>
    public int IrcPort { get; set; } = 6667;

    /// <summary>HTTP port (web chat page, live tree); 0 picks a free one.</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>The server's name in prefixes and numerics; in a cluster, when not set, the node id goes before it (<c>b.chat.local</c>).</summary>
    public string ServerName { get; set; } = "chat.local";

    /// <summary>Network name in ISUPPORT.</summary>
    public string Network { get; set; } = "ActorsChat";

    /// <summary>Message of the day, one line per entry; empty gives 422.</summary>
    public string[] Motd { get; set; } = ["Welcome to the Actors chat server.", "Every connection, channel and the nick registry is an actor."];

    /// <summary>Longest nickname.</summary>
    public int NickLength { get; set; } = 30;

    /// <summary>Longest channel name.</summary>
    public int ChannelLength { get; set; } = 50;

    /// <summary>Longest topic, kick and away text.</summary>
    public int TopicLength { get; set; } = 390;

    /// <summary>Flood control on (a burst of lines, then a steady rate; excess lines wait).</summary>
    public bool FloodControl { get; set; } = true;

    /// <summary>Lines a client may send at once before the rate applies.</summary>
    public int FloodBurst { get; set; } = 20;

    /// <summary>Steady lines per second per client.</summary>
    public double FloodRate { get; set; } = 4;

    /// <summary>Idle time after which the server sends PING.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Time to answer a PING (and to finish registration) before being disconnected.</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Bytes queued to one client before it is cut with "SendQ exceeded".</summary>
    public int SendQueueBytes { get; set; } = 512 * 1024;

    /// <summary>Connections allowed from one address; 0 means no limit.</summary>
    public int MaxConnectionsPerIp { get; set; } = 64;

    /// <summary>Channels one client may be on.</summary>
    public int MaxChannelsPerUser { get; set; } = 50;

    /// <summary>The NATS server (JetStream on) of a cluster of chat servers, such as <c>nats://127.0.0.1:4222</c>;
    /// null or empty: a single server, no NATS. Other cluster settings come from the <c>Actors:Cluster</c> section.</summary>
    public string? Cluster { get; set; }

    /// <summary>With a loopback <see cref="Cluster"/> URL where nothing answers, start a <c>nats-server -js</c> there (in its
    /// own session, outliving this server; store in <c>$TMPDIR/actors-chat-nats-&lt;port&gt;</c>); false: fail to start instead.</summary>
    /// <value>True.</value>
    public bool StartNats { get; set; } = true;

    /// <summary>This server's node id in the cluster (letters, digits, '-', '_'); required with <see cref="Cluster"/>.</summary>
    public string? Node { get; set; }

    /// <summary>Test hooks: the commands CRASHME and CRASHCHAN make a connection or a channel actor throw.</summary>
    public bool EnableCrashCommands { get; set; }

    /// <summary>Checks the settings; throws with the setting's name and what to pass instead.</summary>
    public void Validate()
    {
        if (!System.Net.IPAddress.TryParse(Host, out _)) throw new ArgumentException($"Chat:Host '{Host}' is not an IP address; pass one such as 127.0.0.1.", nameof(Host));
        if (IrcPort is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(IrcPort), IrcPort, "Chat:IrcPort must be 0 (any free port) to 65535.");
        if (HttpPort is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(HttpPort), HttpPort, "Chat:HttpPort must be 0 (any free port) to 65535.");
        if (string.IsNullOrWhiteSpace(ServerName) || ServerName.Contains(' ')) throw new ArgumentException("Chat:ServerName must be one word, such as chat.local.", nameof(ServerName));
        if (string.IsNullOrWhiteSpace(Network) || Network.Contains(' ')) throw new ArgumentException("Chat:Network must be one word.", nameof(Network));
        if (NickLength is < 9 or > 200) throw new ArgumentOutOfRangeException(nameof(NickLength), NickLength, "Chat:NickLength must be 9 to 200.");
        if (ChannelLength is < 2 or > 200) throw new ArgumentOutOfRangeException(nameof(ChannelLength), ChannelLength, "Chat:ChannelLength must be 2 to 200.");
        if (TopicLength is < 1 or > 400) throw new ArgumentOutOfRangeException(nameof(TopicLength), TopicLength, "Chat:TopicLength must be 1 to 400 (a line holds 512 bytes).");
        if (FloodBurst < 1) throw new ArgumentOutOfRangeException(nameof(FloodBurst), FloodBurst, "Chat:FloodBurst must be at least 1 line; turn flood control off with Chat:FloodControl=false.");
        if (!(FloodRate > 0)) throw new ArgumentOutOfRangeException(nameof(FloodRate), FloodRate, "Chat:FloodRate must be positive (lines per second); turn flood control off with Chat:FloodControl=false.");
        if (PingInterval <= TimeSpan.Zero || PingTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(PingInterval), "Chat:PingInterval and Chat:PingTimeout must be positive, e.g. 00:01:30.");
        if (SendQueueBytes < 4096) throw new ArgumentOutOfRangeException(nameof(SendQueueBytes), SendQueueBytes, "Chat:SendQueueBytes must be at least 4096.");
        if (MaxConnectionsPerIp < 0) throw new ArgumentOutOfRangeException(nameof(MaxConnectionsPerIp), MaxConnectionsPerIp, "Chat:MaxConnectionsPerIp must be 0 (no limit) or more.");
        if (MaxChannelsPerUser < 1) throw new ArgumentOutOfRangeException(nameof(MaxChannelsPerUser), MaxChannelsPerUser, "Chat:MaxChannelsPerUser must be at least 1.");
        ArgumentNullException.ThrowIfNull(Motd, nameof(Motd));
        if (!string.IsNullOrEmpty(Cluster) && string.IsNullOrWhiteSpace(Node))
            throw new ArgumentException("Chat:Node must be set when Chat:Cluster is: give each server its own id, such as --Chat:Node=a.", nameof(Node));
        if (string.IsNullOrEmpty(Cluster) && !string.IsNullOrEmpty(Node))
            throw new ArgumentException("Chat:Node is set but Chat:Cluster is not: pass the NATS server too, such as --Chat:Cluster=nats://127.0.0.1:4222.", nameof(Cluster));
    }
}
