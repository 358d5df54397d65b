using System.Globalization;
using Actors.Benchmarks.Peers;
using Actors.Cluster;

namespace Actors.Benchmarks;

/// <summary>
/// The hidden subcommand <c>node</c>: this executable as the other node of remote.* or a node of cluster.failover.
/// Prints "ready" once it can be reached and runs until its standard input closes (or it is killed).
/// <list type="bullet">
/// <item><c>node ours URL PREFIX</c>: cluster node <c>rx</c> with the sink registered as <c>sink</c>, and the raw NATS baseline's subscriptions.</item>
/// <item><c>node akka PORT</c>: Akka.Remote system <c>rx</c> on 127.0.0.1:PORT with <c>/user/sink</c>.</item>
/// <item><c>node failover URL PREFIX ID</c>: cluster node ID (default timings) taking part in the singleton <c>failover</c>, which answers an echo with the number in ID.</item>
/// </list>
/// </summary>
internal static class RemoteNode
{
    public const string Command = "node";

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["ours", var url, var prefix]:
                await using (var system = BenchSystem.Create())
                await using (var node = await ClusterNode.StartAsync(system, Options(url, prefix, "rx")))
                await using (var raw = await RawNats.ConnectAsync(url, prefix))
                {
                    await node.RegisterAsync("sink", SinkMsg.SpawnSink(system));
                    using var stop = new CancellationTokenSource();
                    var serving = raw.ServeAsync(stop.Token);
                    await ReadyAsync();
                    await stop.CancelAsync();
                    await serving;
                }
                return 0;
            case ["akka", var port]:
                await AkkaRemote.HostAsync(int.Parse(port, CultureInfo.InvariantCulture));
                return 0;
            case ["failover", var url, var prefix, var id]:
                await using (var system = BenchSystem.Create())
                await using (var node = await ClusterNode.StartAsync(system, Options(url, prefix, id)))
                {
                    var number = int.Parse(id.AsSpan(1), CultureInfo.InvariantCulture);
                    using var singleton = node.RunSingleton<SinkMsg>(FailoverBenchmark.Singleton, parent => SinkMsg.SpawnSink(parent, echoWith: number));
                    await ReadyAsync();
                }
                return 0;
            default:
                Console.Error.WriteLine("usage: node ours URL PREFIX | node akka PORT | node failover URL PREFIX nN");
                return 2;
        }
    }

    /// <summary>A node's options: default timings, the benchmark's messages.</summary>
    public static ClusterOptions Options(string url, string prefix, string id)
    {
        var options = new ClusterOptions { Url = url, SubjectPrefix = prefix, NodeId = id };
        options.Serializers.Add(RemoteJsonContext.Default);
        return options;
    }

    private static async Task ReadyAsync()
    {
        Console.WriteLine("ready");
        await Console.In.ReadToEndAsync();
    }
}
