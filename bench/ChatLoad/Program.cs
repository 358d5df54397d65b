// Chat load tool: N clients on loopback join one channel, S of them send M messages each; reports deliveries/s,
// end-to-end latency p50/p99 and the server's CPU seconds per delivery. Targets any host:port, or runs the
// comparison: our chat server and ngircd (Debian's, minimal config, penalties off), each in its own process.
//
//   dotnet run -c Release --project bench/ChatLoad -- --compare [--clients 200 --senders 10 --messages 300] [--idle 10000]
//   dotnet run -c Release --project bench/ChatLoad -- --target 127.0.0.1:6667 [--pid <server pid>]
//   dotnet run -c Release --project bench/ChatLoad -- --failover [--rate 20 --before 4 --after 12 --down-after 3]   (three nodes, SIGKILL of one: Failover.cs)
//   dotnet run -c Release --project bench/ChatLoad -- --target 127.0.0.1:6667 --idle 4000 [--hold 60]   (holds idle connections, e.g. for dotnet-gcdump)
using System.Globalization;
using System.Net;
using ChatLoad;

var options = Args.Parse(args);
using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(30));
if (options.Target is { } target)
{
    if (options.Idle > 0)
    {
        // Holds N idle registered connections for --hold seconds (for taking a heap dump of the server meanwhile).
        var held = await LoadRun.ConnectIdleAsync(target, options.Idle, cts.Token);
        Console.WriteLine($"{options.Idle} idle registered connections held for {options.HoldSeconds} s");
        await Task.Delay(TimeSpan.FromSeconds(options.HoldSeconds), cts.Token);
        foreach (var c in held) c.Close();
        return 0;
    }
    var cpu = options.Pid is { } pid ? () => ProcCpu(pid) : (Func<double>?)null;
    Report("target", await LoadRun.RunAsync(target, cpu, options.Clients, options.Senders, options.Messages, options.Rate, cts.Token));
    return 0;
}

var dll = options.ServerDll ?? Path.Combine(AppContext.BaseDirectory, "../../../../../samples/chat-server/bin/Release/net10.0/ChatServer.dll");
if (!File.Exists(dll)) { Console.Error.WriteLine($"Build the server first: dotnet build -c Release samples/chat-server (looked for {Path.GetFullPath(dll)})."); return 2; }
var servers = new List<(string Name, Func<Task<ServerProcess>> Start)> { ("actors-chat", () => ServerProcess.StartOursAsync(dll, 16690, 18090)) };
if (File.Exists("/usr/sbin/ngircd")) servers.Add(("ngircd", () => ServerProcess.StartNgircdAsync(16691)));
else Console.WriteLine("ngircd is not installed (bash .ci/install-chat-deps installs it): measuring our server alone.");

if (args.Contains("--failover"))
{
    double Arg(string name, double fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    return await Failover.RunAsync(dll, Arg("--rate", 20), Arg("--before", 4), Arg("--after", 12), Arg("--down-after", 0) is > 0 and var d ? d : null);
}
if (options.Only is { } only) servers.RemoveAll(s => s.Name != only);
var table = new List<string>();
foreach (var (name, start) in servers)
{
    if (options.Messages > 0)
    await using (var server = await start())
    {
        var flat = await LoadRun.RunAsync(server.EndPoint, server.CpuSeconds, options.Clients, options.Senders, options.Messages, 0, cts.Token);
        Report($"{name} flat out", flat);
        var pacedMessages = Math.Min(options.Messages, 100);
        var paced = await LoadRun.RunAsync(server.EndPoint, server.CpuSeconds, options.Clients, options.Senders, pacedMessages, options.PacedRate, cts.Token);
        Report($"{name} paced {options.PacedRate}/s per sender", paced);
        table.Add(Row(name, flat, paced, null));
    }
    if (options.Idle > 0)
    {
        await using var server = await start();
        var run = await IdleRun.MeasureAsync(server, options.Idle, cts.Token);
        var perConnection = run.PerConnection;
        Console.WriteLine($"{name}: {run}");
        if (table.Count > 0) table[^1] = table[^1].TrimEnd('|', ' ') + $" | {perConnection:F0} |";
    }
}
Console.WriteLine();
Console.WriteLine($"{options.Clients} clients x {options.Senders} senders x {options.Messages} messages (paced: {Math.Min(options.Messages, 100)} at {options.PacedRate}/s per sender); {Environment.ProcessorCount} cores");
Console.WriteLine("| server | deliveries/s | CPU µs/delivery | p50 ms | p99 ms | paced p50 ms | paced p99 ms | bytes/connection |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var row in table) Console.WriteLine(row + (row.Count(c => c == '|') < 9 ? " - |" : ""));
return 0;

static string Row(string name, LoadResult flat, LoadResult paced, double? bytes) => string.Create(CultureInfo.InvariantCulture,
    $"| {name} | {flat.PerSecond:N0} | {flat.CpuMicrosPerDelivery:F2} | {flat.P50Ms:F1} | {flat.P99Ms:F1} | {paced.P50Ms:F2} | {paced.P99Ms:F2} |");

static void Report(string what, LoadResult r) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{what}: {r.Deliveries:N0} deliveries in {r.Seconds:F2} s = {r.PerSecond:N0}/s; server CPU {r.CpuSeconds:F2} s = {r.CpuMicrosPerDelivery:F2} µs/delivery; latency p50 {r.P50Ms:F2} ms, p99 {r.P99Ms:F2} ms"));

static double ProcCpu(int pid)
{
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
}
