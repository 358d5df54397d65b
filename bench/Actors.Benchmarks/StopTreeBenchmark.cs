using System.Diagnostics;

namespace Actors.Benchmarks;

/// <summary>
/// Stops a tree of ~1M idle handler actors in 10 levels (1, 4, 16, 64, 256, 1280, 6400, 32000,
/// 160000, 800000 = 1,000,021): time of <c>await top.StopAsync()</c>, which stops children first.
/// Building the tree is not timed (its seconds are shown as a second, unreported metric).
/// Baseline: 1M tasks awaiting <c>Task.Delay(Infinite, token)</c> on one
/// <see cref="CancellationTokenSource"/>, from <c>Cancel()</c> until <c>Task.WhenAll</c> completes.
/// </summary>
internal sealed class StopTreeBenchmark : IBenchmark
{
    /// <summary>Children per node for levels 2..10 under a single top actor.</summary>
    private static readonly int[] s_fanOut = [4, 4, 4, 4, 5, 5, 5, 5, 5];

    private static readonly int s_total = CountNodes();

    public IReadOnlyList<string> Names { get; } = ["stop.tree"];

    public async Task<IReadOnlyList<BenchResult>> RunAsync(Runner runner)
    {
        var m = await runner.MeasureAsync("stop.tree", ActorAsync, CancelAsync);
        var baseline = $"cancel one CTS linked to {s_total:N0} Task.Delay(Infinite, token) tasks, until Task.WhenAll completes";
        return [new("stop.tree", "ms", m[0][0], baseline, m[1][0], HigherIsBetter: false)];
    }

    private static async Task<double[]> ActorAsync()
    {
        var system = BenchSystem.Create();
        var build = Stopwatch.StartNew();
        var top = system.Spawn(BenchSystem.Idle);
        var level = new List<IActorRef<int>> { top };
        var spawned = 1;
        foreach (var fanOut in s_fanOut)
        {
            var next = new List<IActorRef<int>>(level.Count * fanOut);
            foreach (var parent in level)
                for (var c = 0; c < fanOut; c++) next.Add(parent.ActorTask.Spawn(BenchSystem.Idle));
            spawned += next.Count;
            level = next;
        }
        var buildSeconds = build.Elapsed.TotalSeconds;
        var leaf = level[^1].ActorTask;
        BenchSystem.Require(spawned == s_total && leaf.State == ActorTaskState.Running, "the whole tree is running");
        level = null;   // only the tree holds the actors now
        BenchSystem.Collect();

        var clock = Stopwatch.StartNew();
        await top.ActorTask.StopAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;

        BenchSystem.Require(top.ActorTask.State == ActorTaskState.Stopped && leaf.State == ActorTaskState.Stopped, "the whole tree is stopped");
        await system.StopAsync();
        return [elapsed, buildSeconds];
    }

    private static async Task<double[]> CancelAsync()
    {
        using var cts = new CancellationTokenSource();
        var tasks = new Task[s_total];
        for (var i = 0; i < tasks.Length; i++) tasks[i] = Task.Delay(Timeout.Infinite, cts.Token);
        var all = Task.WhenAll(tasks);
        BenchSystem.Collect();

        var clock = Stopwatch.StartNew();
        cts.Cancel();   // runs every registration (completing each task) on this thread
        await all.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);   // every task ends Canceled
        var elapsed = clock.Elapsed.TotalMilliseconds;
        BenchSystem.Require(all.IsCanceled, "every delay was cancelled");
        return [elapsed, 0];
    }

    private static int CountNodes()
    {
        int total = 1, width = 1;
        foreach (var fanOut in s_fanOut) total += width *= fanOut;
        return total;
    }
}
