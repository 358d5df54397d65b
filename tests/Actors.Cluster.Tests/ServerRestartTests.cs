using System.Diagnostics;

namespace Actors.Cluster.Tests;

[Collection(NatsCollection.Name)]
public sealed class ServerRestartTests(NatsServerFixture server)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AfterTheServerRestarts_NodesReconnect_AndAsksAndTellsGoThroughAgain()
    {
        await using var cluster = await Cluster3.StartAsync(server, downAfter: TimeSpan.FromSeconds(10));
        await cluster.B.RegisterAsync("survivor", Cluster3.SpawnCounter(cluster.B.System));
        var remote = (await cluster.A.LookupAsync<CounterMsg>("survivor"))!;
        remote.Tell(new Add(1));
        Assert.Equal(1, await remote.AskAsync<int>(r => new Get(r)).WaitAsync(Bound));

        await server.RestartAsync();

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                Assert.Equal(1, await remote.AskAsync<int>(r => new Get(r), TimeSpan.FromSeconds(1)));
                break;
            }
            catch (Exception ex) when (ex is ActorTimeoutException or ActorNotRunningException && deadline.Elapsed < Bound) { }
        }
        remote.Tell(new Add(2));
        Assert.Equal(3, await remote.AskAsync<int>(r => new Get(r)).WaitAsync(Bound));
        Assert.NotNull(await cluster.C.LookupAsync<CounterMsg>("survivor"));
    }
}
