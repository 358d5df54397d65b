using System.Diagnostics;
using System.Threading.Channels;
using Actors.Benchmarks.Peers;

namespace Actors.Benchmarks;

/// <summary>
/// Spawns 1M idle top-level handler actors on a fresh system and reports actors per second (spawning
/// only; the stop afterwards is cleanup, its seconds shown as a second, unreported metric). Baseline: 1M pairs of an unbounded channel and a reader task
/// pending on it. Peers: Akka.NET's ActorOf and Proto.Actor's Spawn of idle top-level actors.
/// </summary>
internal sealed class SpawnBenchmark : IBenchmark
{
    private const int Count = 1_000_000;

    /// <summary>
    /// Actors the peers spawn per run: 100k, as a million takes Akka.NET about 10 s to spawn and longer
    /// to terminate on 2 cores. Fewer actors if anything favours the peers (smaller heap and child maps).
    /// </summary>
    private const int PeerCount = 100_000;

    public IReadOnlyList<string> Names { get; } = ["spawn.rate", .. PeerEntries.Names("spawn.rate")];

    public async Task<IReadOnlyList<BenchResult>> RunAsync(Runner runner)
    {
        var m = await runner.MeasureAsync("spawn.rate", ActorAsync, ChannelAsync,
            () => AkkaSpawn.RunAsync(PeerCount), () => ProtoSpawn.RunAsync(PeerCount));
        const string baseline = "1M × (unbounded single-reader Channel<int> + reader task pending in WaitToReadAsync)";
        var ours = new BenchResult("spawn.rate", "actors/s", m[0][0], baseline, m[1][0], HigherIsBetter: true);
        return [ours, .. PeerEntries.For(ours, m[2][0], $"{AkkaSpawn.How} ({PeerCount:N0})", m[3][0], $"{ProtoSpawn.How} ({PeerCount:N0})")];
    }

    private static async Task<double[]> ActorAsync()
    {
        var system = BenchSystem.Create();
        var refs = new IActorRef<int>[Count];

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Count; i++) refs[i] = system.Spawn(BenchSystem.Idle);
        var rate = Count / clock.Elapsed.TotalSeconds;

        clock.Restart();
        await system.StopAsync();
        BenchSystem.Require(refs[^1].ActorTask.State == ActorTaskState.Stopped, "the last spawned actor is stopped");
        return [rate, clock.Elapsed.TotalSeconds];
    }

    private static async Task<double[]> ChannelAsync()
    {
        var channels = new Channel<int>[Count];
        var readers = new Task[Count];

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Count; i++)
        {
            channels[i] = BenchSystem.NewChannel<int>();
            readers[i] = DrainAsync(channels[i].Reader);
        }
        var rate = Count / clock.Elapsed.TotalSeconds;

        clock.Restart();
        foreach (var channel in channels) channel.Writer.TryComplete();
        await Task.WhenAll(readers);
        return [rate, clock.Elapsed.TotalSeconds];
    }

    /// <summary>The reader task of a baseline "actor": waits for items and drops them.</summary>
    internal static async Task DrainAsync(ChannelReader<int> reader)
    {
        while (await reader.WaitToReadAsync())
            while (reader.TryRead(out _)) { }
    }
}
