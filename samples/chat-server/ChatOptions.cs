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

    /// <summary>The server's name in prefixes and numerics.</summary>
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

    /// <summary>Test hooks: the commands CRASHME and CRASHCHAN make a connection or a channel actor throw.</summary>
    public bool EnableCrashCommands { get; set; }
}
