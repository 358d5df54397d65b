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
}
