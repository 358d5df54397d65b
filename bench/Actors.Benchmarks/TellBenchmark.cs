using System.Diagnostics;
using System.Threading.Channels;
using System.Threading.Tasks.Dataflow;
using Actors.Benchmarks.Peers;

namespace Actors.Benchmarks;

/// <summary>
/// One sender, one receiver, 10M int messages: time from the first send until the receiver has handled
/// the last one. The receiver only counts. Variants: actor (Tell), channel (baseline), ActionBlock, and
/// the peers (Akka.NET, Proto.Actor).
/// </summary>
internal sealed class TellBenchmark : IBenchmark
{
    private const int Messages = 10_000_000;

    public IReadOnlyList<string> Names { get; } = ["tell.oneway", "tell.oneway.actionblock", .. PeerEntries.Names("tell.oneway")];

    public async Task<IReadOnlyList<BenchResult>> RunAsync(Runner runner)
    {
        var m = await runner.MeasureAsync("tell.oneway", ActorAsync, ChannelAsync, ActionBlockAsync,
            () => AkkaTell.RunAsync(Messages), () => ProtoTell.RunAsync(Messages));
        const string channel = "unbounded single-reader Channel<int> drained by one task (10M msgs)";
        var ours = new BenchResult("tell.oneway", "msg/s", m[0][0], channel, m[1][0], HigherIsBetter: true);
        return
        [
            ours,
            new("tell.oneway.actionblock", "msg/s", m[2][0], channel, m[1][0], HigherIsBetter: true),
            .. PeerEntries.For(ours, m[3][0], AkkaTell.How, m[4][0], ProtoTell.How),
        ];
    }

    private static async Task<double[]> ActorAsync()
    {
        await using var system = BenchSystem.Create();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = 0;   // touched only by the handler, which runs one message at a time
        var actor = system.Spawn<int>((_, _) =>
        {
            if (++count == Messages) done.SetResult();
            return ValueTask.CompletedTask;
        });

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Messages; i++) actor.Tell(i);
        await done.Task;
        return [Messages / clock.Elapsed.TotalSeconds];
    }

    private static async Task<double[]> ChannelAsync()
    {
        var channel = BenchSystem.NewChannel<int>();
        var drained = DrainAsync(channel.Reader);   // runs to its first await, then waits for data

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Messages; i++) channel.Writer.TryWrite(i);
        await drained;
        return [Messages / clock.Elapsed.TotalSeconds];

        static async Task DrainAsync(ChannelReader<int> reader)
        {
            var count = 0;
            while (await reader.WaitToReadAsync())
                while (reader.TryRead(out _))
                    if (++count == Messages) return;
        }
    }

    private static async Task<double[]> ActionBlockAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = 0;   // the block runs one item at a time (default MaxDegreeOfParallelism = 1)
        var block = new ActionBlock<int>(_ =>
        {
            if (++count == Messages) done.SetResult();
        });

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Messages; i++) block.Post(i);
        await done.Task;
        var rate = Messages / clock.Elapsed.TotalSeconds;
        block.Complete();
        await block.Completion;
        return [rate];
    }
}
