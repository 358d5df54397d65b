namespace Actors.Benchmarks.Peers;

using System.Diagnostics;
using Proto;

/// <summary><c>spawn.rate</c> on Proto.Actor: <c>Spawn</c> of idle <see cref="IActor"/>s from the root context, one shared <see cref="Props"/>.</summary>
internal static class ProtoSpawn
{
    public const string How = "Root.Spawn of idle IActors";

    /// <summary>Actors per second, and the seconds the shutdown took (cleanup, not reported).</summary>
    public static async Task<double[]> RunAsync(int count)
    {
        var system = ProtoPeer.Create();
        var root = system.Root;
        var props = Props.FromProducer(static () => new Idle());
        var pids = new PID[count];

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) pids[i] = root.Spawn(props);
        var rate = count / clock.Elapsed.TotalSeconds;

        clock.Restart();
        await ProtoPeer.StopAsync(system);
        GC.KeepAlive(pids);
        return [rate, clock.Elapsed.TotalSeconds];
    }

    private sealed class Idle : IActor
    {
        public Task ReceiveAsync(IContext context) => Task.CompletedTask;
    }
}
