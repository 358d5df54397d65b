using System.Diagnostics;
using Actors.Supervision.Pools;

namespace Actors.Benchmarks;

/// <summary>
/// µs per in-process pool call (p50): one checkout, then 100k sequential trivial calls on it.
/// Baseline: an ask to a plain actor that replies at once (100k sequential).
/// </summary>
internal sealed class PoolCallBenchmark : IBenchmark
{
    private const int Calls = 100_000;

    public IReadOnlyList<string> Names { get; } = ["pool.call"];

    public async Task<IReadOnlyList<BenchResult>> RunAsync(Runner runner)
    {
        var m = await runner.MeasureAsync("pool.call", 3 * runner.Rounds, PoolAsync, AskAsync);
        return [new("pool.call", "µs", m[0][0], "ask to a plain actor that replies at once (p50, 100k sequential)", m[1][0], HigherIsBetter: false)];
    }

    private static async Task<double[]> PoolAsync()
    {
        await using var system = BenchSystem.Create();
        var pool = WorkerPool.Start(system, "pool", static _ => ValueTask.FromResult(new object()), new WorkerPoolOptions { MaxWorkers = 1 });
        var latencies = new long[Calls];
        await using (var checkout = await pool.CheckoutAsync())
        {
            for (var i = 0; i < Calls; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await checkout.CallAsync(static (_, _) => ValueTask.FromResult(42));
                latencies[i] = Stopwatch.GetTimestamp() - start;
            }
        }
        await pool.DisposeAsync();
        return [Percentiles.Micros(latencies, 0.50)];
    }

    private static async Task<double[]> AskAsync()
    {
        await using var system = BenchSystem.Create();
        var server = system.Spawn<(int X, IReplyTo<int> R)>(static (_, m) =>
        {
            m.R.Reply(m.X);
            return ValueTask.CompletedTask;
        });
        var latencies = new long[Calls];
        for (var i = 0; i < Calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await server.AskAsync<int>(static r => (42, r));
            latencies[i] = Stopwatch.GetTimestamp() - start;
        }
        return [Percentiles.Micros(latencies, 0.50)];
    }
}
