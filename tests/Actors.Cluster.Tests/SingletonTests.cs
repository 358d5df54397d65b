using Actors.Cluster.Internal;
using Xunit.Abstractions;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace Actors.Cluster.Tests;

[Collection(NatsCollection.Name)]
public sealed class SingletonTests(NatsServerFixture server, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private sealed class Instances
    {
        private int _live;
        private int _maxLive;

        public ConcurrentQueue<string> Starts { get; } = new();

        public int MaxLive => Volatile.Read(ref _maxLive);

        public Func<ActorTask, IActorRef<CounterMsg>> SpawnerFor(string node) => parent =>
        {
            var live = Interlocked.Increment(ref _live);
            int max;
            while (live > (max = Volatile.Read(ref _maxLive)) && Interlocked.CompareExchange(ref _maxLive, live, max) != max) { }
            Starts.Enqueue(node);
            var instance = parent.Spawn<CounterMsg>((_, msg) =>
            {
                if (msg is Get get) get.ReplyTo.Reply(node[0]);
                return ValueTask.CompletedTask;
            });
            _ = instance.TaskOf().WhenFinishedAsync().ContinueWith(_ => Interlocked.Decrement(ref _live), TaskScheduler.Default);
            return instance;
        };
    }

    [Fact]
    public async Task Singleton_RunsOnOneNode_AndMovesToASurvivor_WhenItsNodeLeaves()
    {
        await using var cluster = await Cluster3.StartAsync(server);
        var instances = new Instances();
        var handles = cluster.Nodes.Select(n => n.RunSingleton("single", instances.SpawnerFor(n.NodeId))).ToList();
        var first = await AnswerAsync(cluster.Nodes, "single");
        Assert.Single(instances.Starts);

        var owner = cluster.Nodes.Single(n => n.NodeId[0] == first);
        await owner.DisposeAsync();

        var second = await AnswerAsync(cluster.Nodes.Where(n => n != owner), "single", notFrom: first);
        Assert.NotEqual(first, second);
        Assert.Equal(2, instances.Starts.Count);
        Assert.Equal(1, instances.MaxLive);
        handles.ForEach(h => h.Dispose());
    }

    [Fact]
    public async Task Singleton_MovesWithinAFewSeconds_WhenItsNodeCrashes_AndNeverRunsTwice()
    {
        await using var cluster = await Cluster3.StartAsync(server, downAfter: TimeSpan.FromSeconds(2));
        var instances = new Instances();
        var handles = cluster.Nodes.Select(n => n.RunSingleton("crashy", instances.SpawnerFor(n.NodeId))).ToList();
        var first = await AnswerAsync(cluster.Nodes, "crashy");
        var owner = cluster.Nodes.Single(n => n.NodeId[0] == first);
        await RegistryTests.Eventually(() => Task.FromResult(cluster.Nodes.Where(n => n != owner).All(n => n.Members.Count == 3)));

        var clock = Stopwatch.StartNew();
        await owner.CrashForTestAsync();
        await owner.System.StopAsync();   // the process is gone: so is its instance

        var second = await AnswerAsync(cluster.Nodes.Where(n => n != owner), "crashy", notFrom: first);
        var failover = clock.Elapsed;
        Assert.NotEqual(first, second);
        Assert.Equal(1, instances.MaxLive);
        output.WriteLine($"singleton failover after a crash: {failover.TotalSeconds:0.00} s (DownAfter 2 s)");
        Assert.True(failover < TimeSpan.FromSeconds(20), $"failover took {failover}");
        handles.ForEach(h => h.Dispose());
    }

    [Fact]
    public async Task Singleton_ThatKeepsFailing_IsRestartedOnItsNode_NoFasterThanItsBackoff()
    {
        await using var cluster = await Cluster3.StartAsync(server);
        var backoff = new SingletonBackoff { Delay = TimeSpan.FromMilliseconds(800), MaxDelay = TimeSpan.FromSeconds(2) };
        const int wanted = 4;
        var starts = new ConcurrentQueue<(string Node, long At)>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handles = cluster.Nodes.Select(n => n.RunSingleton<CounterMsg>("looping", parent =>
        {
            starts.Enqueue((n.NodeId, Stopwatch.GetTimestamp()));
            if (starts.Count >= wanted) enough.TrySetResult();
            var instance = parent.Spawn<CounterMsg>((_, _) => throw new InvalidOperationException("crash loop"));
            instance.Tell(new Add(1));   // fails at once, every time
            return instance;
        }, backoff)).ToList();

        await enough.Task.WaitAsync(Bound);

        var times = starts.ToArray();
        for (var k = 1; k < wanted; k++)
        {
            var gap = Stopwatch.GetElapsedTime(times[k - 1].At, times[k].At);
            var least = backoff.DelayAfter(k);   // 0.8 s, 1.6 s, 2 s (capped)
            output.WriteLine($"restart {k}: after {gap.TotalSeconds:0.000} s (backoff {least.TotalSeconds:0.0} s) on {times[k].Node}");
            Assert.True(gap >= least - TimeSpan.FromMilliseconds(20), $"restart {k} came after {gap}, before its backoff of {least}");
        }
        Assert.Single(times.Select(t => t.Node).Distinct());   // the crash loop stays on one node instead of spinning across the cluster
        handles.ForEach(h => h.Dispose());
    }

    [Fact]
    public void SingletonBackoff_DoublesFromDelayUpToMaxDelay_AndRejectsBadSettings()
    {
        var backoff = new SingletonBackoff { Delay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) };
        Assert.Equal([1, 2, 4, 5, 5], Enumerable.Range(1, 5).Select(n => backoff.DelayAfter(n).TotalSeconds));
        Assert.Equal(TimeSpan.Zero, new SingletonBackoff { Delay = TimeSpan.Zero }.DelayAfter(1_000_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SingletonBackoff { Delay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(1) }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SingletonBackoff { StablePeriod = TimeSpan.Zero }.Validate());
    }

    /// <summary>Looks the singleton up from each node until one answers (from another node than <paramref name="notFrom"/>).</summary>
    internal static async Task<char> AnswerAsync(IEnumerable<ClusterNode> nodes, string name, char notFrom = '\0')
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            foreach (var node in nodes)
            {
                try
                {
                    if (await node.LookupAsync<CounterMsg>(name) is { } found)
                    {
                        var answer = (char)await found.AskAsync<int>(r => new Get(r), TimeSpan.FromSeconds(2));
                        if (answer != notFrom) return answer;
                    }
                }
                catch (Exception ex) when (ex is ActorNotRunningException or ActorTimeoutException) { }
            }
            Assert.True(deadline.Elapsed < Bound, "no singleton answered within 30 s");
            await Task.Delay(100);   // polling the registry, bounded above
        }
    }
}
