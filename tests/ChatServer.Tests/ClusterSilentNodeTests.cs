using System.Text;
using Actors;
using Actors.Cluster;
using Actors.Cluster.Tests;
using ChatServer.Cluster;
using ChatServer.Server;

namespace ChatServer.Tests;

/// <summary>A query to a node that holds a nick but does not answer ends at the ask deadline with "no such nick", not a hang.</summary>
[Collection(NatsCollection.Name)]
public sealed class ClusterSilentNodeTests(NatsServerFixture nats)
{
    [Fact]
    public async Task WHOIS_and_ISON_for_a_nick_whose_node_does_not_answer_give_401_and_nothing_at_the_ask_deadline()
    {
        var prefix = "chat" + Guid.NewGuid().ToString("N")[..8];
        await using var silentSystem = new ActorSystem(new ActorSystemOptions { Name = "chat-silent" });
        await using var silent = await ClusterNode.StartAsync(silentSystem, Options(prefix, "d"));
        // Node d's "relay" holds the nick and never answers.
        var mute = silentSystem.Spawn(ActorSpec.Handler<RelayMsg>((_, _) => ValueTask.CompletedTask, new SpawnOptions { Name = "mute-relay" }));
        await silent.RegisterAsync("chat.nick." + Convert.ToHexStringLower(Encoding.UTF8.GetBytes("ghost")), mute, NameConflictPolicy.RejectNewer);

        var system = new ActorSystem(new ActorSystemOptions { Name = "chat-e", AskTimeout = TimeSpan.FromSeconds(2) });
        var node = await ClusterNode.StartAsync(system, Options(prefix, "e"));
        var chat = new ChatOptions { IrcPort = 0, HttpPort = 0, FloodControl = false, MaxConnectionsPerIp = 0, ServerName = "e.chat.local" };
        var server = IrcServer.Start(system, chat, new ChatCluster(node));
        var e = new ClusterChat.ChatNode(system, node, server, await server.IrcEndPoint.WaitAsync(TimeSpan.FromSeconds(30)));
        try
        {
            using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
                while (node.Members.Count < 2) await Task.Delay(20, wait.Token);   // polling membership, bounded
            await using var amy = await e.RegisterAsync("amy");
            await amy.SendAsync("WHOIS ghost");
            Assert.Equal(":e.chat.local 401 amy ghost :No such nick/channel", await amy.ExpectNumericAsync("401"));
            await amy.ExpectNumericAsync("318");
            await amy.SendAsync("ISON ghost amy");
            Assert.Equal(":e.chat.local 303 amy :amy", await amy.ExpectNumericAsync("303"));
        }
        finally { await e.StopAsync(); }
    }

    private ClusterOptions Options(string prefix, string id)
    {
        var options = new ClusterOptions
        {
            Url = nats.Url,
            NodeId = id,
            SubjectPrefix = prefix,
            HeartbeatInterval = TimeSpan.FromMilliseconds(250),
            DownAfter = TimeSpan.FromSeconds(10),   // d stays a member throughout
        };
        options.Serializers.Add(ChatJsonContext.Default);
        return options;
    }
}
