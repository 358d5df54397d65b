using System.Diagnostics;
using System.Globalization;
using Actors.Cluster;

namespace Actors.Benchmarks;

/// <summary>
/// cluster.failover (s): three node processes (<see cref="RemoteNode"/>, default <c>HeartbeatInterval</c> and
/// <c>DownAfter</c>) take part in one cluster singleton; this process, a fourth node that does not, finds the owner,
/// SIGKILLs its process and polls (lookup, then an ask with a short deadline) until the singleton answers from another
/// node. Each round kills the current owner and starts a fresh node so three take part again (quick: 2 rounds, full: 5;
/// the median is reported, no warm-up: nothing in a failover is JIT-bound). Reported against the
/// issue's target (5 s). Skipped, with a note, when nats-server is not installed; every process is killed at the end.
/// </summary>
internal sealed class FailoverBenchmark : IBenchmark
{
    /// <summary>The singleton's cluster name.</summary>
    public const string Singleton = "failover";

    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Names { get; } = ["cluster.failover"];

    public async Task<IReadOnlyList<BenchResult>> RunAsync(Runner runner)
    {
        if (NatsServerProcess.Find() is not { } binary)
        {
            Console.WriteLine("cluster.failover: skipped: nats-server is not installed; `bash .ci/install-deps` installs it.");
            return [];
        }
        var rounds = runner.Rounds < 9 ? 2 : 5;   // each round is a real failover (~4 s) plus a node start: quick keeps to two
        var prefix = "failover" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        await using var server = await NatsServerProcess.StartAsync(binary);
        var nodes = new Dictionary<int, NodeProcess>();
        var samples = new List<double>();
        try
        {
            Task<NodeProcess> Start(int n) => NodeProcess.StartAsync("failover", server.Url, prefix, $"n{n}");
            var started = new[] { Start(1), Start(2), Start(3) };
            try { await Task.WhenAll(started); }
            finally
            {
                for (var i = 0; i < started.Length; i++) if (started[i].IsCompletedSuccessfully) nodes[i + 1] = started[i].Result;
            }
            var next = 4;
            await using var system = BenchSystem.Create();
            await using var probe = await ClusterNode.StartAsync(system, RemoteNode.Options(server.Url, prefix, "probe"));
            var owner = await AnswerAsync(probe, notFrom: 0);
            for (var round = 1; round <= rounds; round++)
            {
                var victim = nodes[owner];
                var clock = Stopwatch.StartNew();
                victim.Kill();
                var survivor = await AnswerAsync(probe, notFrom: owner);
                samples.Add(clock.Elapsed.TotalSeconds);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cluster.failover round {round}/{rounds}: SIGKILL n{owner}, answered on n{survivor} after {samples[^1]:F2} s"));
                await victim.DisposeAsync();
                nodes.Remove(owner);
                if (round < rounds) nodes[next] = await Start(next++);
                owner = survivor;
            }
        }
        finally
        {
            foreach (var node in nodes.Values) await node.DisposeAsync();
        }
        return [new BenchResult("cluster.failover", "s", Runner.Median(samples), "target 5 s (SIGKILL of the owner's process until the singleton answers on another; 3 node processes, default DownAfter 3 s, heartbeat 0.5 s)", 5, HigherIsBetter: false)];
    }

    /// <summary>Polls until the singleton answers from a node other than <paramref name="notFrom"/>; returns that node's number.</summary>
    private static async Task<int> AnswerAsync(ClusterNode probe, int notFrom)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < s_bound)
        {
            try
            {
                if (await probe.LookupAsync<SinkMsg>(Singleton) is { } singleton)
                {
                    var number = await singleton.AskAsync<int>(static r => new SinkMsg.Echo(0, r), TimeSpan.FromMilliseconds(500));
                    if (number != notFrom) return number;
                }
            }
            catch (Exception ex) when (ex is ActorTimeoutException or ActorNotRunningException or RemoteActorException) { }
            await Task.Delay(10);   // polling, bounded by s_bound
        }
        throw new TimeoutException($"The singleton did not answer from a node other than n{notFrom} within {s_bound.TotalSeconds:F0} s.");
    }
}
