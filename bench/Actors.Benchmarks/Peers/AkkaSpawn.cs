namespace Actors.Benchmarks.Peers;

using System.Diagnostics;
using Akka.Actor;

/// <summary><c>spawn.rate</c> on Akka.NET: <c>ActorOf</c> of idle top-level <see cref="ReceiveActor"/>s, one shared <see cref="Props"/>.</summary>
internal static class AkkaSpawn
{
    public const string How = "ActorOf of idle top-level ReceiveActors";

    /// <summary>Actors per second, and the seconds the termination took (cleanup, not reported).</summary>
    public static async Task<double[]> RunAsync(int count)
    {
        var system = AkkaPeer.Create();
        var props = Props.Create<Idle>();
        var refs = new IActorRef[count];

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) refs[i] = system.ActorOf(props);
        var rate = count / clock.Elapsed.TotalSeconds;

        clock.Restart();
        await AkkaPeer.StopAsync(system);
        GC.KeepAlive(refs);
        return [rate, clock.Elapsed.TotalSeconds];
    }

    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(static _ => { });
    }
}
