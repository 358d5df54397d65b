using Actors.Cluster.Internal;
namespace Actors.Cluster.Tests;

[Collection(NatsCollection.Name)]
public sealed class RegistryTests(NatsServerFixture server)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Register_OfATakenName_WithRejectNewer_Throws_AndTheHolderKeepsIt()
    {
        await using var cluster = await Cluster3.StartAsync(server);
        var first = Cluster3.SpawnCounter(cluster.A.System);
        await cluster.A.RegisterAsync("single", first);

        await Assert.ThrowsAsync<NameOverlapException>(() =>
            cluster.B.RegisterAsync("single", Cluster3.SpawnCounter(cluster.B.System), NameConflictPolicy.RejectNewer));

        var found = await cluster.C.LookupAsync<CounterMsg>("single");
        found!.Tell(new Add(4));
        Assert.Equal(4, await found.AskAsync<int>(r => new Get(r)).WaitAsync(Bound));
        Assert.Equal(4, await first.AskAsync<int>(r => new Get(r)).WaitAsync(Bound));
    }

    [Theory]
    [InlineData(NameConflictPolicy.Replace)]
    [InlineData(NameConflictPolicy.FailOlder)]
    public async Task Register_OfATakenName_TakesIt_AndStopsTheOlderActorOnItsNode(NameConflictPolicy policy)
    {
        await using var cluster = await Cluster3.StartAsync(server);
        var older = Cluster3.SpawnCounter(cluster.A.System);
        await cluster.A.RegisterAsync("moving", older);
        var newer = Cluster3.SpawnCounter(cluster.B.System);

        await cluster.B.RegisterAsync("moving", newer, policy);

        await older.TaskOf().WhenFinishedAsync().WaitAsync(Bound);
        Assert.Equal(ActorTaskState.Stopped, older.TaskOf().State);
        Assert.Equal(policy == NameConflictPolicy.FailOlder, older.TaskOf().StopCause?.Exception is NameOverlapException);
        var found = (await cluster.C.LookupAsync<CounterMsg>("moving"))!;
        found.Tell(new Add(9));
        Assert.Equal(9, await found.AskAsync<int>(r => new Get(r)).WaitAsync(Bound));   // ordered after the tell: same sender
        Assert.Equal(9, await newer.AskAsync<int>(r => new Get(r)).WaitAsync(Bound));
    }

    [Fact]
    public async Task Lookup_OfAnUnknownName_IsNull_AndOfTheWrongType_Throws()
    {
        await using var cluster = await Cluster3.StartAsync(server);
        await cluster.A.RegisterAsync("typed", Cluster3.SpawnCounter(cluster.A.System));

        Assert.Null(await cluster.B.LookupAsync<CounterMsg>("nobody"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.B.LookupAsync<Seen>("typed"));
        Assert.Contains(typeof(CounterMsg).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_IsReleased_WhenTheActorFinishes()
    {
        await using var cluster = await Cluster3.StartAsync(server);
        var actor = Cluster3.SpawnCounter(cluster.A.System);
        await cluster.A.RegisterAsync("brief", actor);

        await actor.TaskOf().StopAsync().WaitAsync(Bound);

        await Eventually(async () => await cluster.B.LookupAsync<CounterMsg>("brief") is null);
    }

    [Fact]
    public async Task ADeletedRegistration_IsWrittenAgainByItsOwnerAtTheNextRenewal()
    {
        await using var cluster = await Cluster3.StartAsync(server, lease: TimeSpan.FromSeconds(3));
        await cluster.A.RegisterAsync("kept", Cluster3.SpawnCounter(cluster.A.System));

        await cluster.A.Registry.DeleteAsync("kept");   // as nodes that wrongly marked a down do

        await Eventually(async () => await cluster.B.LookupAsync<CounterMsg>("kept") is not null);
    }

    internal static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(50);   // polling a remote store, bounded by the deadline
        }
    }
}
