namespace Actors.Cluster.Tests;

/// <summary><c>UnregisterAsync</c> gives a name back while its actor runs; <c>NodeOf</c> names a reference's node.</summary>
[Collection(NatsCollection.Name)]
public sealed class UnregisterTests(NatsServerFixture server)
{
    [Fact]
    public async Task AReleasedName_IsFreeForAnotherNode_WhileTheOldHolderKeepsRunning()
    {
        await using var cluster = await Cluster3.StartAsync(server);
        var first = Cluster3.SpawnCounter(cluster.A.System);
        await cluster.A.RegisterAsync("lent", first, NameConflictPolicy.RejectNewer);
        var seen = (await cluster.B.LookupAsync<CounterMsg>("lent"))!;
        Assert.Equal("a", cluster.B.NodeOf(seen));
        Assert.Equal("b", cluster.B.NodeOf(Cluster3.SpawnCounter(cluster.B.System)));

        Assert.False(await cluster.A.UnregisterAsync("lent", Cluster3.SpawnCounter(cluster.A.System)));   // not the holder
        Assert.True(await cluster.A.UnregisterAsync("lent", first));
        Assert.False(await cluster.A.UnregisterAsync("lent", first));   // already released

        Assert.Null(await cluster.C.LookupAsync<CounterMsg>("lent"));
        await cluster.C.RegisterAsync("lent", Cluster3.SpawnCounter(cluster.C.System), NameConflictPolicy.RejectNewer);
        Assert.Equal("c", cluster.B.NodeOf((await cluster.B.LookupAsync<CounterMsg>("lent"))!));
        Assert.False(first.ActorTask.IsFinished);
    }

    [Fact]
    public async Task TwoNodes_RacingForAReleasedName_OneGetsIt_AndTheOtherGetsNameOverlap()
    {
        // A released name leaves a delete marker; NATS re-creates such a key by revision, and the loser of that race
        // used to see NatsKVWrongLastRevisionException instead of the name conflict.
        await using var cluster = await Cluster3.StartAsync(server);
        for (var round = 0; round < 10; round++)
        {
            var name = $"raced-{round}";
            var first = Cluster3.SpawnCounter(cluster.A.System);
            await cluster.A.RegisterAsync(name, first, NameConflictPolicy.RejectNewer);
            Assert.True(await cluster.A.UnregisterAsync(name, first));
            var b = Cluster3.SpawnCounter(cluster.B.System);
            var c = Cluster3.SpawnCounter(cluster.C.System);
            var results = await Task.WhenAll(Attempt(cluster.B, name, b), Attempt(cluster.C, name, c));
            Assert.Equal(1, results.Count(r => r == "held"));
            Assert.Equal(1, results.Count(r => r == "overlap"));
        }
    }

    private static async Task<string> Attempt(ClusterNode node, string name, IActorRef<CounterMsg> actor)
    {
        try
        {
            await node.RegisterAsync(name, actor, NameConflictPolicy.RejectNewer);
            return "held";
        }
        catch (NameOverlapException) { return "overlap"; }
        catch (Exception ex) { return ex.GetType().Name; }
    }
}
