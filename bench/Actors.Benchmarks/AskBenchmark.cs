using System.Diagnostics;
using System.Threading.Channels;
using Actors.Benchmarks.Peers;

namespace Actors.Benchmarks;

/// <summary>
/// One caller asks one server 100k times in sequence, awaiting each reply; reports the p50 and p99
/// latency of a single ask. Baseline: a server task reading (request, TaskCompletionSource) pairs from a
/// channel and completing the source (RunContinuationsAsynchronously, as an ask's promise does).
/// Peers: Akka.NET's Ask and Proto.Actor's RequestAsync, both with a 30 s timeout.
/// </summary>
internal sealed class AskBenchmark : IBenchmark
{
    private const int Asks = 100_000;

    public IReadOnlyList<string> Names { get; } = ["ask.p50", "ask.p99", .. PeerEntries.Names("ask.p50"), .. PeerEntries.Names("ask.p99")];

    public async Task<IReadOnlyList<BenchResult>> RunAsync(Runner runner)
    {
        // One run is only ~0.1 s and its percentiles move with thread-pool timing, so take 3x the rounds.
        var m = await runner.MeasureAsync("ask", 3 * runner.Rounds, ActorAsync, ChannelAsync,
            () => AkkaAsk.RunAsync(Asks), () => ProtoAsk.RunAsync(Asks));
        const string baseline = "Channel<(int, TaskCompletionSource<int>)> server task, caller awaits each TCS (100k sequential; actor ask arms its default 30 s timeout)";
        var p50 = new BenchResult("ask.p50", "µs", m[0][0], baseline, m[1][0], HigherIsBetter: false);
        var p99 = new BenchResult("ask.p99", "µs", m[0][1], baseline, m[1][1], HigherIsBetter: false);
        return
        [
            p50,
            p99,
            .. PeerEntries.For(p50, m[2][0], AkkaAsk.How, m[3][0], ProtoAsk.How),
            .. PeerEntries.For(p99, m[2][1], AkkaAsk.How, m[3][1], ProtoAsk.How),
        ];
    }

    private static async Task<double[]> ActorAsync()
    {
        await using var system = BenchSystem.Create();
        var server = system.Spawn<(int X, IReplyTo<int> R)>(static (_, m) =>
        {
            m.R.Reply(m.X);
            return ValueTask.CompletedTask;
        });

        var latencies = new long[Asks];
        for (var i = 0; i < Asks; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await server.AskAsync<int>(static r => (42, r));
            latencies[i] = Stopwatch.GetTimestamp() - start;
        }
        return Percentiles(latencies);
    }

    private static async Task<double[]> ChannelAsync()
    {
        var requests = BenchSystem.NewChannel<(int X, TaskCompletionSource<int> Reply)>();
        var serving = ServeAsync(requests.Reader);

        var latencies = new long[Asks];
        for (var i = 0; i < Asks; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            requests.Writer.TryWrite((42, reply));
            await reply.Task;
            latencies[i] = Stopwatch.GetTimestamp() - start;
        }
        requests.Writer.TryComplete();
        await serving;
        return Percentiles(latencies);

        static async Task ServeAsync(ChannelReader<(int X, TaskCompletionSource<int> Reply)> reader)
        {
            while (await reader.WaitToReadAsync())
                while (reader.TryRead(out var request))
                    request.Reply.TrySetResult(request.X);
        }
    }

    /// <summary>p50 and p99 in microseconds.</summary>
    private static double[] Percentiles(long[] ticks)
    {
        Array.Sort(ticks);
        double Micros(double quantile) => ticks[(int)(quantile * (ticks.Length - 1))] * 1_000_000.0 / Stopwatch.Frequency;
        return [Micros(0.50), Micros(0.99)];
    }
}
