using System.Globalization;
using ChatLoad;

namespace Actors.Benchmarks;

/// <summary>
/// The chat server sample (samples/chat-server, its own process) against ngircd (Debian's, minimal config, penalties
/// off, its own process) under the same load, with bench/ChatLoad's clients (bench/ChatLoad.Core): N clients join one
/// channel, S of them send M messages each, flat out (deliveries/s, server CPU µs per delivery) and paced (p99 ms);
/// then, on fresh servers, the RSS growth per idle registered connection. Quick: 100 clients x 10 senders x 300
/// messages, paced 20 at 20/s per sender, 5,000 idle connections (at 1,000 what the first connections cost once, such as
/// code compiled and tiered up and the GC budgets grown, is most of the growth). Full: 200 x 10 x 300, paced
/// 100 at 20/s, 10,000 idle connections (for both; they connect 8 at a time, below ngircd's listen backlog of 10). Three measured rounds either way (the quick flat run is short: CPU is read in 10 ms ticks). Skipped, with a note, when ngircd is not installed.
/// </summary>
internal sealed class ChatBenchmark : IBenchmark
{
    private const string Ngircd = "/usr/sbin/ngircd";
    private const string Baseline = "ngircd (C, single-threaded), same load, same run";
    private const double PacedRate = 20;

    public IReadOnlyList<string> Names { get; } = ["chat.fanout", "chat.cpuPerDelivery", "chat.p99", "chat.bytesPerConnection"];

    public async Task<IReadOnlyList<BenchResult>> RunAsync(Runner runner)
    {
        if (!File.Exists(Ngircd))
        {
            Console.WriteLine($"chat.*: skipped: ngircd is not installed ({Ngircd}); `bash .ci/install-chat-deps` installs it.");
            return [];
        }
        var dll = ServerDll();
        var quick = runner.Rounds < 9;
        var (clients, senders, messages, paced, idle) = quick ? (100, 10, 300, 20, 5_000) : (200, 10, 300, 100, 10_000);
        Console.Error.WriteLine($"  chat: {clients} clients x {senders} senders x {messages} messages, paced {paced} at {PacedRate}/s per sender, {idle} idle connections");
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(quick ? 5 : 20));
        double[][] load;
        await using (var ours = await StartOursAsync(dll))
        await using (var ngircd = await StartNgircdAsync())
        {
            Runner.Variant Load(ServerProcess server) => async () =>
            {
                var flat = await LoadRun.RunAsync(server.EndPoint, server.CpuSeconds, clients, senders, messages, 0, cts.Token).ConfigureAwait(false);
                var slow = await LoadRun.RunAsync(server.EndPoint, server.CpuSeconds, clients, senders, paced, PacedRate, cts.Token).ConfigureAwait(false);
                return [flat.PerSecond, flat.CpuMicrosPerDelivery, slow.P99Ms];
            };
            load = await runner.MeasureAsync("chat.load", 3, Load(ours), Load(ngircd)).ConfigureAwait(false);
        }
        var oursBytes = await BytesPerConnectionAsync(() => StartOursAsync(dll), idle, cts.Token).ConfigureAwait(false);
        var ngircdBytes = await BytesPerConnectionAsync(StartNgircdAsync, idle, cts.Token).ConfigureAwait(false);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  chat.bytesPerConnection: v0={oursBytes:F0}  v1={ngircdBytes:F0} ({idle} idle)"));
        return
        [
            new BenchResult("chat.fanout", "deliveries/s", load[0][0], Baseline, load[1][0], HigherIsBetter: true),
            new BenchResult("chat.cpuPerDelivery", "µs", load[0][1], Baseline, load[1][1], HigherIsBetter: false),
            new BenchResult("chat.p99", "ms (paced)", load[0][2], Baseline, load[1][2], HigherIsBetter: false),
            new BenchResult("chat.bytesPerConnection", "bytes", oursBytes, Baseline, ngircdBytes, HigherIsBetter: false),
        ];
    }

    // Ports apart from bench/ChatLoad's (16690, 16691, 18090), so both can run at once.
    private static Task<ServerProcess> StartOursAsync(string dll) => ServerProcess.StartOursAsync(dll, 16692, 18092);

    private static Task<ServerProcess> StartNgircdAsync() => ServerProcess.StartNgircdAsync(16693);

    /// <summary>RSS growth per idle registered connection, on a fresh server (see <see cref="IdleRun"/>).</summary>
    private static async Task<double> BytesPerConnectionAsync(Func<Task<ServerProcess>> start, int count, CancellationToken ct)
    {
        await using var server = await start().ConfigureAwait(false);
        var run = await IdleRun.MeasureAsync(server, count, ct).ConfigureAwait(false);
        Console.Error.WriteLine($"  chat idle, {server.Name}: {run}");
        return run.PerConnection;
    }

    /// <summary>The chat server built beside this benchmark (same configuration; the project reference builds it).</summary>
    private static string ServerDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory);   // bench/Actors.Benchmarks/bin/<configuration>/<framework>/
        var configuration = output.Parent!.Name;
        var dll = Path.GetFullPath(Path.Combine(output.FullName, "../../../../../samples/chat-server/bin", configuration, output.Name, "ChatServer.dll"));
        return File.Exists(dll) ? dll
            : throw new FileNotFoundException($"The chat server is not built at {dll}; build it with: dotnet build -c {configuration} samples/chat-server", dll);
    }
}
