namespace Actors.Benchmarks.Peers;

using System.Diagnostics;
using Akka.Actor;

/// <summary><c>ask.p50</c>/<c>ask.p99</c> on Akka.NET: sequential <c>Ask</c> (30 s timeout, as the kernel's default) to a <see cref="ReceiveActor"/> that replies to its sender.</summary>
internal static class AkkaAsk
{
    public const string How = "Ask<int> with a 30 s timeout to a ReceiveActor replying Sender.Tell";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    /// <summary>p50 and p99 in microseconds.</summary>
    public static async Task<double[]> RunAsync(int asks)
    {
        var system = AkkaPeer.Create();
        var server = system.ActorOf(Props.Create<Echo>());

        var latencies = new long[asks];
        for (var i = 0; i < asks; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await server.Ask<int>(42, s_timeout);
            latencies[i] = Stopwatch.GetTimestamp() - start;
        }

        await AkkaPeer.StopAsync(system);
        return [Percentiles.Micros(latencies, 0.50), Percentiles.Micros(latencies, 0.99)];
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<int>(x => Sender.Tell(x, Self));
    }
}
