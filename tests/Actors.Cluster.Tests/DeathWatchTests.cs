using Actors.Cluster.Internal;
using Xunit.Abstractions;
using System.Diagnostics;

namespace Actors.Cluster.Tests;

[Collection(NatsCollection.Name)]
public sealed class DeathWatchTests(NatsServerFixture server, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Watchers_OfARemoteActor_AreToldWhenItsNodeLeaves_AndItsRegistrationIsReleased()
    {
        await using var cluster = await Cluster3.StartAsync(server);
        await cluster.B.RegisterAsync("watched", Cluster3.SpawnCounter(cluster.B.System));
        var remote = (await cluster.A.LookupAsync<CounterMsg>("watched"))!;
        var notices = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = cluster.A.System.Spawn<string>((_, notice) => { notices.TrySetResult(notice); return ValueTask.CompletedTask; });
        using var watch = remote.TaskOf().Watch(watcher, "b gone");

        await cluster.B.DisposeAsync();

        Assert.Equal("b gone", await notices.Task.WaitAsync(Bound));
        Assert.False(remote.TryTell(new Add(1)));
        await Assert.ThrowsAsync<ActorNotRunningException>(() => remote.AskAsync<int>(r => new Get(r)).WaitAsync(Bound));
        Assert.Null(await cluster.C.LookupAsync<CounterMsg>("watched"));
    }

    [Fact]
    public async Task ASilentNode_IsMarkedDownWithinDownAfter_AndWatchersOfItsActorsAreTold()
    {
        await using var cluster = await Cluster3.StartAsync(server, downAfter: TimeSpan.FromSeconds(2));
        await cluster.C.RegisterAsync("quiet", Cluster3.SpawnCounter(cluster.C.System));
        var remote = (await cluster.A.LookupAsync<CounterMsg>("quiet"))!;
        var down = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.A.NodeDown += n => down.TrySetResult(n);
        await RegistryTests.Eventually(() => Task.FromResult(cluster.A.Members.Contains("c")));

        var clock = Stopwatch.StartNew();
        cluster.C.SilenceForTest();   // heartbeats stop, as when the process hangs or dies

        Assert.Equal("c", await down.Task.WaitAsync(Bound));
        await remote.TaskOf().WhenFinishedAsync().WaitAsync(Bound);
        output.WriteLine($"silent node marked down and watchers told after {clock.Elapsed.TotalSeconds:0.00} s (DownAfter 2 s)");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"marked down after {clock.Elapsed}");
        await RegistryTests.Eventually(async () => await cluster.B.LookupAsync<CounterMsg>("quiet") is null);
    }
}
