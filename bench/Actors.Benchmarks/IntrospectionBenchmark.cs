using System.Diagnostics;
using System.Text.Json;
using Actors.Hosting.AspNetCore.Internal;

namespace Actors.Benchmarks;

/// <summary>
/// What <c>GET /actors</c> costs on a big tree: snapshot a 100k-actor tree (100 processes × 1,000 idle
/// handlers) and serialize all of it to JSON, as the endpoint does (page builder and source-generated
/// serializer). Baseline: serializing a flat list of 100k records of the same shape with System.Text.Json.
/// </summary>
internal sealed class IntrospectionBenchmark : IBenchmark
{
    private const int Parents = 100, ChildrenEach = 1_000;

    public IReadOnlyList<string> Names { get; } = ["introspection.snapshot"];

    public async Task<IReadOnlyList<BenchResult>> RunAsync(Runner runner)
    {
        var system = BenchSystem.Create();
        for (var p = 0; p < Parents; p++)
        {
            var parent = system.Run(c => Task.Delay(Timeout.Infinite, c.Cancellation), new SpawnOptions { Name = $"p{p}", Timeout = Timeout.InfiniteTimeSpan });
            for (var c = 0; c < ChildrenEach; c++) parent.Spawn(BenchSystem.Idle, new SpawnOptions { Name = $"c{c}" });
        }
        var records = system.Snapshot().Tasks.Select(t => new TaskJson(t.Path, t.Depth, t.Name, t.Label, t.Kind.ToString(), t.State.ToString(),
            t.IsStopping, t.IsTransient, (long)t.Age.TotalMilliseconds, t.MailboxDepth, t.MessagesHandled, 0, t.Restarts, t.LastFailure)).ToList();
        var rates = new RateTracker(TimeProvider.System);
        try
        {
            var m = await runner.MeasureAsync("introspection.snapshot", () => Task.FromResult(Actor(system, rates)), () => Task.FromResult(Baseline(records)));
            const string baseline = "System.Text.Json serializing a flat List of 100,100 records of the same shape (default options)";
            return [new("introspection.snapshot", "ms", m[0][0], baseline, m[1][0], HigherIsBetter: false)];
        }
        finally
        {
            await system.StopAsync();
        }
    }

    private static double[] Actor(ActorSystem system, RateTracker rates)
    {
        using var sink = new MemoryStream();
        var clock = Stopwatch.StartNew();
        var snapshot = system.Snapshot();
        var snapshotMs = clock.Elapsed.TotalMilliseconds;
        var page = TreePage.Build(snapshot, "/", int.MaxValue, 0, int.MaxValue, rates.Rates(snapshot))!;
        var pageMs = clock.Elapsed.TotalMilliseconds;
        JsonSerializer.Serialize(sink, page, IntrospectionJsonContext.Default.TreeJson);
        var ms = clock.Elapsed.TotalMilliseconds;
        BenchSystem.Require(page.Count == Parents * (ChildrenEach + 1) + 1, "every task listed");
        return [ms, snapshotMs, pageMs - snapshotMs];   // total, then its snapshot and page-building parts (shown in progress only)
    }

    private static double[] Baseline(List<TaskJson> records)
    {
        using var sink = new MemoryStream();
        var clock = Stopwatch.StartNew();
        JsonSerializer.Serialize(sink, records, s_options);
        return [clock.Elapsed.TotalMilliseconds];
    }

    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
}
