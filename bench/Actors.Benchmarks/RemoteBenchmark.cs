using System.Diagnostics;
using System.Globalization;
using Actors.Benchmarks.Peers;
using Actors.Cluster;

namespace Actors.Benchmarks;

/// <summary>
/// remote.tell (msg/s) and remote.ask.p50/p99 (µs) between two nodes in two processes: this one sends, a node process
/// (<see cref="RemoteNode"/>) receives, through a nats-server started here (<c>-js</c>, loopback, temporary folder).
/// Tell: N pings flat out (<c>SendAsync</c>, which waits when the outbound queue is full), then an ask for the count,
/// which arrives after them; the rate counts delivered pings. Ask: sequential asks to an actor that answers at once.
/// Baseline: the same JSON over NATS.Client.Core alone (<see cref="RawNats"/>); peer: Akka.Remote between two
/// processes (<see cref="AkkaRemote"/>); all three interleaved in the same rounds. Skipped, with a note, when
/// nats-server is not installed. Every process started here is killed at the end, also when the run fails.
/// </summary>
internal sealed class RemoteBenchmark : IBenchmark
{
    private const string Baseline = RawNats.How;

    public IReadOnlyList<string> Names { get; } =
        ["remote.tell", "remote.ask.p50", "remote.ask.p99", "remote.tell@akka", "remote.ask.p50@akka", "remote.ask.p99@akka"];

    public async Task<IReadOnlyList<BenchResult>> RunAsync(Runner runner)
    {
        if (NatsServerProcess.Find() is not { } binary)
        {
            Console.WriteLine("remote.*: skipped: nats-server is not installed; `bash .ci/install-deps` installs it.");
            return [];
        }
        var (tells, asks) = runner.Rounds < 9 ? (50_000, 3_000) : (300_000, 10_000);
        Console.Error.WriteLine($"  remote: {tells:N0} tells then {asks:N0} sequential asks per run, across two processes");
        var prefix = "bench" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var akkaPort = NatsServerProcess.FreePort();
        await using var server = await NatsServerProcess.StartAsync(binary);
        var starting = new[] { NodeProcess.StartAsync("ours", server.Url, prefix), NodeProcess.StartAsync("akka", akkaPort.ToString(CultureInfo.InvariantCulture)) };
        try { await Task.WhenAll(starting); }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully)) await started.Result.DisposeAsync();
            throw;
        }
        await using var oursNode = starting[0].Result;
        await using var akkaNode = starting[1].Result;
        await using var system = BenchSystem.Create();
        await using var node = await ClusterNode.StartAsync(system, RemoteNode.Options(server.Url, prefix, "tx"));
        var sink = await node.LookupAsync<SinkMsg>("sink") ?? throw new InvalidOperationException("The node process did not register its sink.");
        await using var raw = await RawNats.ConnectAsync(server.Url, prefix);
        await using var akka = await AkkaRemote.ConnectAsync(akkaPort);

        async Task<double[]> Ours()
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < tells; i++) await sink.SendAsync(new SinkMsg.Ping(i));
            var got = await sink.AskAsync<int>(static r => new SinkMsg.Count(r));
            var rate = Rate("Actors.Cluster", got, tells, clock.Elapsed);
            var latencies = new long[asks];
            for (var i = 0; i < asks; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await sink.AskAsync<int>(static r => new SinkMsg.Echo(42, r));
                latencies[i] = Stopwatch.GetTimestamp() - start;
            }
            return [rate, Percentiles.Micros(latencies, 0.50), Percentiles.Micros(latencies, 0.99)];
        }
        async Task<double[]> Raw() => [await raw.TellAsync(tells), .. await raw.AskAsync(asks)];
        async Task<double[]> Akka() => [await akka.TellAsync(tells), .. await akka.AskAsync(asks)];

        var m = await runner.MeasureAsync("remote", Ours, Raw, Akka);
        var tell = new BenchResult("remote.tell", "msg/s", m[0][0], Baseline, m[1][0], HigherIsBetter: true);
        var p50 = new BenchResult("remote.ask.p50", "µs", m[0][1], Baseline, m[1][1], HigherIsBetter: false);
        var p99 = new BenchResult("remote.ask.p99", "µs", m[0][2], Baseline, m[1][2], HigherIsBetter: false);
        const string tellHow = $"{AkkaRemote.Label}: Tell to an ActorSelection-resolved IActorRef over akka.tcp (DotNetty, loopback, default serializer), then Ask for the count";
        const string askHow = $"{AkkaRemote.Label}: sequential Ask<int> to the same remote IActorRef, replying Sender.Tell";
        return
        [
            tell, p50, p99,
            tell with { Name = "remote.tell" + AkkaPeer.Suffix, Baseline = tellHow, BaselineValue = m[2][0] },
            p50 with { Name = "remote.ask.p50" + AkkaPeer.Suffix, Baseline = askHow, BaselineValue = m[2][1] },
            p99 with { Name = "remote.ask.p99" + AkkaPeer.Suffix, Baseline = askHow, BaselineValue = m[2][2] },
        ];
    }

    /// <summary>Delivered messages per second; says so on standard error if some were lost (at most once allows it).</summary>
    public static double Rate(string who, int delivered, int sent, TimeSpan elapsed)
    {
        if (delivered != sent) Console.Error.WriteLine($"  remote.tell ({who}): {sent - delivered:N0} of {sent:N0} messages lost");
        return delivered / elapsed.TotalSeconds;
    }
}
