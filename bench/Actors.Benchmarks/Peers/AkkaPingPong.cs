namespace Actors.Benchmarks.Peers;

using System.Diagnostics;
using Akka.Actor;

/// <summary>
/// <c>pingpong.PxB</c> on Akka.NET: pairs of <see cref="ReceiveActor"/>s, each told its partner first,
/// bounce int balls (remaining hops) with <c>Tell</c>; a ball at zero hops retires.
/// </summary>
internal static class AkkaPingPong
{
    public const string How = "pairs of ReceiveActors, Tell to the partner";

    /// <summary>Handled messages per second over all pairs.</summary>
    public static async Task<double[]> RunAsync(int pairs, int inFlight, int hopsPerBall)
    {
        var system = AkkaPeer.Create();
        var retired = new Countdown(pairs * inFlight);
        var props = Props.Create(() => new Bouncer(retired));
        var lefts = new IActorRef[pairs];
        for (var p = 0; p < pairs; p++)
        {
            var left = lefts[p] = system.ActorOf(props);
            var right = system.ActorOf(props);
            left.Tell(new Partner(right), ActorRefs.NoSender);   // queued before any ball
            right.Tell(new Partner(left), ActorRefs.NoSender);
        }

        var clock = Stopwatch.StartNew();
        foreach (var left in lefts)
            for (var b = 0; b < inFlight; b++) left.Tell(hopsPerBall, ActorRefs.NoSender);
        await retired.Task;
        var rate = (long)pairs * inFlight * (hopsPerBall + 1) / clock.Elapsed.TotalSeconds;

        await AkkaPeer.StopAsync(system);
        return [rate];
    }

    private sealed record Partner(IActorRef Actor);

    private sealed class Bouncer : ReceiveActor
    {
        private IActorRef _partner = ActorRefs.Nobody;

        public Bouncer(Countdown retired)
        {
            Receive<Partner>(p => _partner = p.Actor);
            Receive<int>(hops =>
            {
                if (hops > 0) _partner.Tell(hops - 1, Self); else retired.Signal();
            });
        }
    }
}
