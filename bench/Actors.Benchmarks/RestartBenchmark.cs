using System.Diagnostics;
using Actors.Supervision;

namespace Actors.Benchmarks;

/// <summary>
/// µs from a supervised child's failure to its new instance handling its first message (p50), over
/// 10k one-for-one restarts. The start function queues the first message as it spawns the new instance,
/// so the time covers: the failure, the exit notice, the supervisor's decision, the spawn, and the
/// new instance's first turn. Baseline: the kernel's spawn of a fresh actor, timed from the spawn call
/// to that actor handling its first message.
/// </summary>
internal sealed class RestartBenchmark : IBenchmark
{
    private const int Restarts = 10_000;

    public IReadOnlyList<string> Names { get; } = ["restart.latency"];

    public async Task<IReadOnlyList<BenchResult>> RunAsync(Runner runner)
    {
        var m = await runner.MeasureAsync("restart", RestartAsync, SpawnAsync);
        return [new("restart.latency", "µs", m[0][0], "kernel spawn of a fresh actor until it handles its first message (p50)", m[1][0], HigherIsBetter: false)];
    }

    private static async Task<double[]> RestartAsync()
    {
        await using var system = BenchSystem.Create();
        var latencies = new long[Restarts];
        var failedAt = 0L;
        var handled = 0;
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var spec = new ChildSpec("worker", (parent, options) =>
        {
            var child = parent.Spawn<int>((_, m) =>
            {
                if (m < 0)
                {
                    Volatile.Write(ref failedAt, Stopwatch.GetTimestamp());
                    throw new InvalidOperationException("crash");
                }
                if (Volatile.Read(ref failedAt) is var t0 and not 0)
                {
                    latencies[handled++] = Stopwatch.GetTimestamp() - t0;
                    Volatile.Write(ref failedAt, 0);
                }
                next.TrySetResult();
                return ValueTask.CompletedTask;
            }, options);
            child.Tell(0);   // the first message of every instance
            return child.ActorTask;
        });
        var supervisor = Supervisor.Start(system, "sup", new SupervisorOptions { MaxRestarts = int.MaxValue, Children = [spec] });
        await next.Task;
        for (var i = 0; i < Restarts; i++)
        {
            next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var current = supervisor.Child("worker")!;
            current.Ref<int>().Tell(-1);
            await next.Task;
        }
        BenchSystem.Require(handled == Restarts, "every restart measured");
        return [Percentiles.Micros(latencies, 0.50)];
    }

    private static async Task<double[]> SpawnAsync()
    {
        await using var system = BenchSystem.Create();
        var latencies = new long[Restarts];
        for (var i = 0; i < Restarts; i++)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var start = Stopwatch.GetTimestamp();
            var actor = system.Spawn<int>((_, _) =>
            {
                latencies[i] = Stopwatch.GetTimestamp() - start;
                done.TrySetResult();
                return ValueTask.CompletedTask;
            });
            actor.Tell(0);
            await done.Task;
            actor.Complete();
        }
        return [Percentiles.Micros(latencies, 0.50)];
    }
}
