using System.Threading.Channels;
using Actors.Benchmarks.Peers;

namespace Actors.Benchmarks;

/// <summary>
/// Managed bytes per idle actor, kept alive: fresh (never messaged) and after each has handled one
/// message. Measured with <see cref="GC.GetTotalMemory(bool)"/> around creating 100k of them.
/// Baseline: a channel + reader task pair (fresh: reader pending; after: one item written and read).
/// Peers: idle Akka.NET and Proto.Actor actors, measured once all have started.
/// </summary>
internal sealed class MemoryBenchmark : IBenchmark
{
    private const int Count = 100_000;

    public IReadOnlyList<string> Names { get; } = ["spawn.bytesFresh", "spawn.bytesAfterMessage", .. PeerEntries.Names("spawn.bytesFresh"), .. PeerEntries.Names("spawn.bytesAfterMessage")];

    public async Task<IReadOnlyList<BenchResult>> RunAsync(Runner runner)
    {
        var m = await runner.MeasureAsync("spawn.bytes", ActorAsync, ChannelAsync, () => AkkaMemory.RunAsync(Count), () => ProtoMemory.RunAsync(Count));
        const string fresh = "unbounded single-reader Channel<int> + reader task pending (100k kept alive)";
        const string after = "unbounded single-reader Channel<int> + reader task, one item written and read (100k kept alive)";
        var ours = new BenchResult("spawn.bytesFresh", "bytes", m[0][0], fresh, m[1][0], HigherIsBetter: false);
        var ourAfter = new BenchResult("spawn.bytesAfterMessage", "bytes", m[0][1], after, m[1][1], HigherIsBetter: false);
        return
        [
            ours,
            ourAfter,
            .. PeerEntries.For(ours, m[2][0], $"{AkkaMemory.How} (100k kept alive)", m[3][0], $"{ProtoMemory.How} (100k kept alive)"),
            .. PeerEntries.For(ourAfter, m[2][1], $"{AkkaMemory.How}, one message handled (100k kept alive)", m[3][1], $"{ProtoMemory.How}, one message handled (100k kept alive)"),
        ];
    }

    private static async Task<double[]> ActorAsync()
    {
        var system = BenchSystem.Create();
        var handled = new Countdown(Count);
        Func<ActorContext<int>, int, ValueTask> handler = (_, _) =>
        {
            handled.Signal();
            return ValueTask.CompletedTask;
        };
        var refs = new IActorRef<int>[Count];   // allocated before the first reading, so not counted

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < Count; i++) refs[i] = system.Spawn(handler);
        var fresh = GC.GetTotalMemory(forceFullCollection: true);

        foreach (var actor in refs) actor.Tell(1);
        await handled.Task;
        await Task.Delay(50);   // let the last turns return to idle
        var after = GC.GetTotalMemory(forceFullCollection: true);

        GC.KeepAlive(refs);
        await system.StopAsync();
        return [(fresh - before) / (double)Count, (after - before) / (double)Count];
    }

    private static async Task<double[]> ChannelAsync()
    {
        var handled = new Countdown(Count);
        var channels = new Channel<int>[Count];
        var readers = new Task[Count];

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < Count; i++)
        {
            channels[i] = BenchSystem.NewChannel<int>();
            readers[i] = CountingDrainAsync(channels[i].Reader, handled);
        }
        var fresh = GC.GetTotalMemory(forceFullCollection: true);

        foreach (var channel in channels) channel.Writer.TryWrite(1);
        await handled.Task;
        await Task.Delay(50);   // let the last readers return to waiting
        var after = GC.GetTotalMemory(forceFullCollection: true);

        foreach (var channel in channels) channel.Writer.TryComplete();
        await Task.WhenAll(readers);
        return [(fresh - before) / (double)Count, (after - before) / (double)Count];

        static async Task CountingDrainAsync(ChannelReader<int> reader, Countdown handled)
        {
            while (await reader.WaitToReadAsync())
                while (reader.TryRead(out _)) handled.Signal();
        }
    }
}
