namespace Actors.Cluster.Tests;

/// <summary>A node that leaves says goodbye, and the others mark it down at once, even right after it started.</summary>
[Collection(NatsCollection.Name)]
public sealed class GoodbyeTests(NatsServerFixture server)
{
    [Fact]
    public async Task ANodeLeavingRightAfterItStarted_IsSeenLeaving_BeforeAnySilenceCouldTellIt()
    {
        // Heartbeats every 60 s and DownAfter 150 s: within the 30 s wait only a's goodbye can tell b that a left.
        // (It failed about one run in five on a loaded machine while the goodbye was only queued when the connection closed.)
        var prefix = Cluster3.NewPrefix();
        ClusterOptions Options(string node)
        {
            var options = new ClusterOptions { Url = server.Url, NodeId = node, SubjectPrefix = prefix, HeartbeatInterval = TimeSpan.FromSeconds(60), DownAfter = TimeSpan.FromSeconds(150) };
            options.Serializers.Add(TestJsonContext.Default);
            return options;
        }
        await using var b = await ClusterNode.StartAsync(new ActorSystem(), Options("b"));
        for (var round = 0; round < 20; round++)
        {
            var down = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnDown(string node) => down.TrySetResult(node);
            b.NodeDown += OnDown;
            var id = $"a{round}";   // a new node each round (a node id once down stays down until it is heard again)
            var a = await ClusterNode.StartAsync(new ActorSystem(), Options(id));
            await a.DisposeAsync();
            var said = await Task.WhenAny(down.Task, Task.Delay(TimeSpan.FromSeconds(30)));   // under the heartbeat interval: only the goodbye can say it
            Assert.True(said == down.Task, $"round {round}: b did not see {id} leave; b hears {string.Join(",", b.Members)}");
            Assert.Equal(id, await down.Task);
            b.NodeDown -= OnDown;
            await a.System.StopAsync();
        }
    }
}
