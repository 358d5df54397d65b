using System.Net;
using Actors;
using Actors.Cluster;
using Actors.Cluster.Tests;
using ChatServer.Cluster;
using ChatServer.Server;

namespace ChatServer.Tests;

/// <summary>Three chat servers in this process (nodes a, b, c), each on its own actor system and NATS connection, on one nats-server.</summary>
internal sealed class ClusterChat : IAsyncDisposable
{
    private readonly List<ChatNode> _nodes;

    private ClusterChat(List<ChatNode> nodes) => _nodes = nodes;

    public ChatNode A => _nodes[0];

    public ChatNode B => _nodes[1];

    public ChatNode C => _nodes[2];

    public static async Task<ClusterChat> StartAsync(NatsServerFixture nats)
    {
        var prefix = "chat" + Guid.NewGuid().ToString("N")[..8];
        var nodes = new List<ChatNode>();
        foreach (var id in new[] { "a", "b", "c" })
        {
            var system = new ActorSystem(new ActorSystemOptions { Name = $"chat-{id}" });
            var options = new ClusterOptions
            {
                Url = nats.Url,
                NodeId = id,
                SubjectPrefix = prefix,
                HeartbeatInterval = TimeSpan.FromMilliseconds(250),
                DownAfter = TimeSpan.FromSeconds(2),
            };
            options.Serializers.Add(ChatJsonContext.Default);
            var node = await ClusterNode.StartAsync(system, options);
            var chat = new ChatOptions { IrcPort = 0, HttpPort = 0, FloodControl = false, MaxConnectionsPerIp = 0, ServerName = $"{id}.chat.local" };
            var server = IrcServer.Start(system, chat, new ChatCluster(node));
            nodes.Add(new ChatNode(system, node, server, await server.IrcEndPoint.WaitAsync(TimeSpan.FromSeconds(30))));
        }
        // Every node hears the others before the test starts (the registry works without it; the death watch needs it).
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (nodes.Any(n => n.Node.Members.Count < 3)) await Task.Delay(20, wait.Token);   // polling membership, bounded
        return new ClusterChat(nodes);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.StopAsync();
    }

    /// <summary>Sends numbered lines from <paramref name="from"/> to <paramref name="channel"/> until one reaches <paramref name="to"/>
    /// (lines sent while a channel moves may be lost), bounded.</summary>
    public static async Task ProbeUntilHeardAsync(IrcClient from, IrcClient to, string channel)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        for (var probe = 0; ; probe++)
        {
            await from.SendAsync($"PRIVMSG {channel} :probe{probe}");
            if (await to.NextLineWithinAsync(TimeSpan.FromMilliseconds(500)) is { } line && line.Contains($"PRIVMSG {channel} :probe", StringComparison.Ordinal)) return;
            Assert.True(DateTime.UtcNow < deadline, $"no line crossed in {channel}: " + to.Transcript);
        }
    }

    /// <summary>Sends NICK until the server welcomes the client (433 while the cluster still lists the nick elsewhere), bounded.</summary>
    public static async Task TakeNickWhenFreeAsync(IrcClient client, string nick)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            await client.SendAsync($"NICK {nick}");
            if (IrcClient.Code(await client.ExpectAsync(l => IrcClient.Code(l) is "433" or "001", "433 or the welcome")) == "001") return;
            Assert.True(DateTime.UtcNow < deadline, $"the nick {nick} was never released: " + client.Transcript);
            await Task.Delay(200);   // the release travels to the registry (or waits for the holder's node to be marked down)
        }
    }

    /// <summary>One chat server and its cluster node.</summary>
    public sealed class ChatNode(ActorSystem system, ClusterNode node, IrcServer server, IPEndPoint endpoint)
    {
        private int _stopped;

        public ClusterNode Node => node;

        public IrcServer Server => server;

        public async Task<IrcClient> RegisterAsync(string nick)
        {
            var client = await IrcClient.ConnectAsync(endpoint);
            await client.RegisterAsync(nick);
            return client;
        }

        public Task<IrcClient> ConnectAsync() => IrcClient.ConnectAsync(endpoint);

        /// <summary>Stops the server as its host would: clients told, tree stopped, then the node leaves (a goodbye).</summary>
        public async Task StopAsync()
        {
            if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
            await server.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await node.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
            await system.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
    }
}
