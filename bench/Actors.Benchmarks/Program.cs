using System.Diagnostics;
using Actors.Benchmarks;

// Benchmarks of the actor kernel against plain Channels/Tasks baselines and against Akka.NET and Proto.Actor (peers).
//   dotnet run -c Release --project bench/Actors.Benchmarks -- [--quick|--full] [--json PATH] [--markdown PATH] [--filter NAME[,NAME]]
// --markdown writes the README's table: each shape against the channel baseline and the peers.
// Each benchmark runs its actor variant and baseline interleaved, one warm-up round discarded, and
// reports medians. Progress goes to standard error (v0 = actor, v1 = channel baseline, then the
// benchmark's other variants; where a shape runs the peers, the last two are Akka.NET and Proto.Actor);
// the table goes to standard output.

if (args is [RemoteNode.Command, .. var nodeArgs]) return await RemoteNode.RunAsync(nodeArgs);   // the other node of remote.* and cluster.failover
var options = BenchOptions.Parse(args);
var runner = new Runner(options);

// Fixed order. Ping-pong totals are chosen so one run takes roughly 0.5-1 s on 2 cores.
IBenchmark[] benchmarks =
[
    new TellBenchmark(),
    new PingPongBenchmark(pairs: 64, inFlight: 100, hopsPerPair: 800_000),
    new PingPongBenchmark(pairs: 64, inFlight: 1, hopsPerPair: 40_000),
    new PingPongBenchmark(pairs: 8, inFlight: 1, hopsPerPair: 300_000),
    new PingPongBenchmark(pairs: 1, inFlight: 1, hopsPerPair: 1_000_000),
    new AskBenchmark(),
    new SpawnBenchmark(),
    new MemoryBenchmark(),
    new FanoutBenchmark(),
    new StopTreeBenchmark(),
    new RestartBenchmark(),
    new PoolCallBenchmark(),
    new IntrospectionBenchmark(),
    new ChatBenchmark(),   // only when ngircd is installed; says so otherwise
    new RemoteBenchmark(),   // only when nats-server is installed; says so otherwise
    new FailoverBenchmark(),   // only when nats-server is installed; says so otherwise
];

var machine = MachineInfo.Describe();
Console.WriteLine($"Actors benchmarks ({options.Mode}: {runner.WarmupRounds} warm-up + {runner.Rounds} rounds, medians) on {machine}");
var total = Stopwatch.StartNew();
var results = new List<BenchResult>();
var failures = new List<string>();
foreach (var benchmark in benchmarks.Where(b => options.Selects(b.Names)))
{
    var clock = Stopwatch.StartNew();
    try
    {
        results.AddRange(await benchmark.RunAsync(runner));
        Console.Error.WriteLine($"  ({string.Join(", ", benchmark.Names)}: {clock.Elapsed.TotalSeconds:F1} s)");
    }
    catch (Exception ex)
    {
        // A hang or a kernel exception fails this benchmark only; the others still run. A hung run's
        // threads and actors are left behind (nothing can stop them reliably).
        var failure = $"{string.Join(", ", benchmark.Names)}: {(ex is BenchmarkHangException ? ex.Message : ex.ToString())}";
        failures.Add(failure);
        Console.Error.WriteLine($"FAILED {failure}");
    }
}

Console.WriteLine();
Console.Write(Report.Table(results));
foreach (var failure in failures) Console.WriteLine($"FAILED {failure}");
Console.WriteLine();
Console.WriteLine($"Total time: {total.Elapsed.TotalSeconds:F1} s");
if (options.JsonPath is { } path)
{
    Report.WriteJson(path, new BenchReport(machine, options.Mode, results));
    Console.WriteLine($"Wrote {path}{(failures.Count > 0 ? " (failed benchmarks are missing from it)" : "")}");
}
if (options.MarkdownPath is { } markdown)
{
    Report.WriteText(markdown, MarkdownTable.Render(results));
    Console.WriteLine($"Wrote {markdown}{(failures.Count > 0 ? " (failed benchmarks are missing from it)" : "")}");
}
return failures.Count == 0 ? 0 : 1;
