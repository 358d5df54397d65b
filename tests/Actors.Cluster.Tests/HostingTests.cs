using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Cluster.Tests;

/// <summary><c>AddActors().AddCluster(...)</c> on the generic host: started with the host before the root children, injectable, validated, left on stop.</summary>
[Collection(NatsCollection.Name)]
public sealed class HostingTests(NatsServerFixture server)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AddCluster_StartsTheNodeBeforeRootChildren_WhichGetItInjected_AndTheNodeLeavesWhenTheHostStops()
    {
        var prefix = Cluster3.NewPrefix();
        using var a = Host(prefix, "a", actors => actors.AddProcess("publisher", async (ctx, sp) =>
        {
            var node = sp.GetRequiredService<ClusterNode>();   // the node already runs when root children start
            await node.RegisterAsync("hosted-counter", Cluster3.SpawnCounter(ctx.System));
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        }));
        using var b = Host(prefix, "b");
        await a.StartAsync();
        await b.StartAsync();
        var nodeA = a.Services.GetRequiredService<ClusterNode>();
        var nodeB = b.Services.GetRequiredService<ClusterNode>();
        Assert.Equal("a", nodeA.NodeId);
        Assert.Same(a.Services.GetRequiredService<ActorSystem>(), nodeA.System);

        IActorRef<CounterMsg>? counter = null;
        await RegistryTests.Eventually(async () => (counter = await nodeB.LookupAsync<CounterMsg>("hosted-counter")) is not null);
        counter!.Tell(new Add(5));
        Assert.Equal(5, await counter.AskAsync<int>(r => new Get(r)).WaitAsync(Bound));

        await a.StopAsync().WaitAsync(Bound);

        Assert.True(nodeA.ActorTask.IsFinished);   // the node left with the host
        await RegistryTests.Eventually(async () => await nodeB.LookupAsync<CounterMsg>("hosted-counter") is null);   // its name was released
        await RegistryTests.Eventually(() => Task.FromResult(!nodeB.Members.Contains("a")));
        await b.StopAsync().WaitAsync(Bound);
    }

    [Fact]
    public async Task AddCluster_BindsTheActorsClusterSection()
    {
        var prefix = Cluster3.NewPrefix();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Actors:Cluster:Url"] = server.Url,
            ["Actors:Cluster:NodeId"] = "from-config",
            ["Actors:Cluster:SubjectPrefix"] = prefix,
            ["Actors:Cluster:DownAfter"] = "00:00:02",
        });
        builder.Services.AddActors().AddCluster(o => o.Serializers.Add(TestJsonContext.Default));
        using var host = builder.Build();
        await host.StartAsync();
        var node = host.Services.GetRequiredService<ClusterNode>();
        Assert.Equal("from-config", node.NodeId);
        Assert.Equal(prefix, node.Options.SubjectPrefix);
        Assert.Equal(TimeSpan.FromSeconds(2), node.Options.DownAfter);
        await host.StopAsync().WaitAsync(Bound);
    }

    [Fact]
    public async Task AnInvalidSetting_FailsTheHostStart_WithAMessageThatNamesIt()
    {
        using var host = Host(Cluster3.NewPrefix(), "not a node id!");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync().WaitAsync(Bound));
        Assert.Contains("Actors:Cluster:NodeId", error.Message);

        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddActors().AddCluster(server.Url, "x");   // no serializers
        using var noSerializers = builder.Build();
        error = await Assert.ThrowsAsync<InvalidOperationException>(() => noSerializers.StartAsync().WaitAsync(Bound));
        Assert.Contains("Actors:Cluster:Serializers", error.Message);
    }

    [Fact]
    public void AddCluster_Twice_IsRefused()
    {
        var services = new ServiceCollection().AddActors().AddCluster(server.Url, "a");
        var error = Assert.Throws<InvalidOperationException>(() => services.AddCluster(server.Url, "b"));
        Assert.Contains("twice", error.Message);
    }

    private IHost Host(string prefix, string node, Action<Actors.Hosting.ActorsBuilder>? actors = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));   // inside the tests' bound
        builder.Services.AddActors(actors).AddCluster(server.Url, node, o =>
        {
            o.Serializers.Add(TestJsonContext.Default);
            // SubjectPrefix is init-only: set through the section the node binds.
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Actors:Cluster:SubjectPrefix"] = prefix });
        return builder.Build();
    }
}
