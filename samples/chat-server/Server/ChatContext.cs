using System.Collections.Concurrent;
using Actors;
using ChatServer.Channels;
using ChatServer.Cluster;
using ChatServer.Connections;

namespace ChatServer.Server;

/// <summary>State the actors of one chat server share: options, clock, nick table, channel directory, live clients.</summary>
internal sealed class ChatContext
{
    private long _nextId;

    public ChatContext(ChatOptions options, TimeProvider time, ChatCluster? cluster = null)
    {
        Options = options;
        Time = time;
        Created = time.GetUtcNow();
        Channels = new ChannelDirectory(this);
        Cluster = cluster;
        cluster?.Attach(this);
    }

    public ChatOptions Options { get; }

    public TimeProvider Time { get; }

    public DateTimeOffset Created { get; }

    public string ServerName => Options.ServerName;

    /// <summary>Registered nicks by folded nick. Written only by the nick registry actor; read by anyone.</summary>
    public ConcurrentDictionary<string, ClientHandle> Nicks { get; } = new(StringComparer.Ordinal);

    /// <summary>The nick registry actor's current instance (replaced when it restarts).</summary>
    public IActorRef<NickMsg> NickRegistry { get; set; } = null!;

    public ChannelDirectory Channels { get; }

    /// <summary>This server's part in a cluster of chat servers (<c>--Chat:Cluster</c>); null on a single server.</summary>
    public ChatCluster? Cluster { get; }

    /// <summary>Every open connection, registered or not.</summary>
    public ConcurrentDictionary<long, ClientHandle> Clients { get; } = new();

    /// <summary>Set when the server begins a graceful shutdown: links close with "Server shutting down" and no QUIT storms.</summary>
    public volatile bool ShuttingDown;

    public long NextId() => Interlocked.Increment(ref _nextId);

    public string Numeric(ClientHandle to, string code, string rest) => $":{ServerName} {code} {to.Nick} {rest}";

    public void SendNumeric(ClientHandle to, string code, string rest) => to.Send(Numeric(to, code, rest));
}
