namespace Actors.Benchmarks.Peers;

using System.Diagnostics;
using Proto;

/// <summary>
/// <c>pingpong.PxB</c> on Proto.Actor: pairs of <see cref="IActor"/>s, each sent its partner first,
/// bounce int balls (remaining hops) with <c>Send</c>; a ball at zero hops retires.
/// </summary>
internal static class ProtoPingPong
{
    public const string How = "pairs of IActors, Send to the partner";

    /// <summary>Handled messages per second over all pairs.</summary>
    public static async Task<double[]> RunAsync(int pairs, int inFlight, int hopsPerBall)
    {
        var system = ProtoPeer.Create();
        var root = system.Root;
        var retired = new Countdown(pairs * inFlight);
        var props = Props.FromProducer(() => new Bouncer(retired));
        var lefts = new PID[pairs];
        for (var p = 0; p < pairs; p++)
        {
            var left = lefts[p] = root.Spawn(props);
            var right = root.Spawn(props);
            root.Send(left, new Partner(right));   // queued before any ball
            root.Send(right, new Partner(left));
        }

        var clock = Stopwatch.StartNew();
        foreach (var left in lefts)
            for (var b = 0; b < inFlight; b++) root.Send(left, hopsPerBall);
        await retired.Task;
        var rate = (long)pairs * inFlight * (hopsPerBall + 1) / clock.Elapsed.TotalSeconds;

        await ProtoPeer.StopAsync(system);
        return [rate];
    }

    private sealed record Partner(PID Actor);

    private sealed class Bouncer(Countdown retired) : IActor
    {
        private PID? _partner;

        public Task ReceiveAsync(IContext context)
        {
            switch (context.Message)
            {
                case int hops when hops > 0: context.Send(_partner!, hops - 1); break;
                case int: retired.Signal(); break;
                case Partner p: _partner = p.Actor; break;
            }
            return Task.CompletedTask;
        }
    }
}
