namespace Actors.Benchmarks.Peers;

using System.Diagnostics;
using Proto;

/// <summary><c>ask.p50</c>/<c>ask.p99</c> on Proto.Actor: sequential <c>RequestAsync</c> (the system's request timeout, set to 30 s) to an <see cref="IActor"/> that responds.</summary>
internal static class ProtoAsk
{
    public const string How = "RequestAsync<int> (30 s request timeout) to an IActor calling Respond";

    /// <summary>p50 and p99 in microseconds.</summary>
    public static async Task<double[]> RunAsync(int asks)
    {
        var system = ProtoPeer.Create();
        var root = system.Root;
        var server = root.Spawn(Props.FromProducer(() => new Echo()));

        var latencies = new long[asks];
        for (var i = 0; i < asks; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await root.RequestAsync<int>(server, 42);
            latencies[i] = Stopwatch.GetTimestamp() - start;
        }

        await ProtoPeer.StopAsync(system);
        return [Percentiles.Micros(latencies, 0.50), Percentiles.Micros(latencies, 0.99)];
    }

    private sealed class Echo : IActor
    {
        public Task ReceiveAsync(IContext context)
        {
            if (context.Message is int) context.Respond(context.Message);
            return Task.CompletedTask;
        }
    }
}
