namespace Actors.Benchmarks.Peers;

using Akka.Actor;

/// <summary>
/// <c>spawn.bytesFresh</c>/<c>spawn.bytesAfterMessage</c> on Akka.NET: managed bytes per idle
/// <see cref="ReceiveActor"/> kept alive, once all have started (<c>PreStart</c> ran: Akka.NET
/// creates the actor instance on the dispatcher after <c>ActorOf</c> returns) and after each has
/// handled one message.
/// </summary>
internal static class AkkaMemory
{
    public const string How = "idle ReceiveActors from ActorOf, started";

    /// <summary>Bytes per actor: fresh, then after one message.</summary>
    public static async Task<double[]> RunAsync(int count)
    {
        var system = AkkaPeer.Create();
        var started = new Countdown(count);
        var handled = new Countdown(count);
        var props = Props.Create(() => new Counted(started, handled));
        var refs = new IActorRef[count];   // allocated before the first reading, so not counted

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < count; i++) refs[i] = system.ActorOf(props);
        await started.Task;
        await Task.Delay(50);   // let the last turns return to idle
        var fresh = GC.GetTotalMemory(forceFullCollection: true);

        foreach (var actor in refs) actor.Tell(1, ActorRefs.NoSender);
        await handled.Task;
        await Task.Delay(50);
        var after = GC.GetTotalMemory(forceFullCollection: true);

        GC.KeepAlive(refs);
        await AkkaPeer.StopAsync(system);
        return [(fresh - before) / (double)count, (after - before) / (double)count];
    }

    private sealed class Counted : ReceiveActor
    {
        private readonly Countdown _started;

        public Counted(Countdown started, Countdown handled)
        {
            _started = started;
            Receive<int>(_ => handled.Signal());
        }

        protected override void PreStart() => _started.Signal();
    }
}
