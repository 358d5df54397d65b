namespace Actors.Benchmarks.Peers;

using System.Diagnostics;
using Akka.Actor;

/// <summary>
/// <c>fanout.10k</c> on Akka.NET: a publisher <see cref="ReceiveActor"/> tells each message it gets to
/// every subscriber (the same message object, as a chat channel forwards a post); each subscriber
/// counts its messages. The clock starts once every subscriber has started (<c>PreStart</c> ran), as
/// Akka.NET creates actor instances on the dispatcher after <c>ActorOf</c> returns.
/// </summary>
internal static class AkkaFanout
{
    public const string How = "a publisher ReceiveActor Tells each message to subscriber ReceiveActors";

    /// <summary>Messages delivered per second.</summary>
    public static async Task<double[]> RunAsync(int subscribers, int messages)
    {
        var system = AkkaPeer.Create();
        var started = new Countdown(subscribers);
        var done = new Countdown(subscribers);
        var subscriberProps = Props.Create(() => new Subscriber(messages, started, done));
        var all = new IActorRef[subscribers];
        for (var i = 0; i < subscribers; i++) all[i] = system.ActorOf(subscriberProps);
        var publisher = system.ActorOf(Props.Create(() => new Publisher(all)));
        await started.Task;

        var clock = Stopwatch.StartNew();
        for (var m = 0; m < messages; m++) publisher.Tell(m, ActorRefs.NoSender);
        await done.Task;
        var rate = (long)subscribers * messages / clock.Elapsed.TotalSeconds;

        await AkkaPeer.StopAsync(system);
        return [rate];
    }

    private sealed class Publisher : ReceiveActor
    {
        public Publisher(IActorRef[] subscribers) =>
            ReceiveAny(message =>
            {
                foreach (var subscriber in subscribers) subscriber.Tell(message, Self);
            });
    }

    private sealed class Subscriber : ReceiveActor
    {
        private readonly Countdown _started;
        private int _received;

        public Subscriber(int messages, Countdown started, Countdown done)
        {
            _started = started;
            Receive<int>(_ =>
            {
                if (++_received == messages) done.Signal();
            });
        }

        protected override void PreStart() => _started.Signal();
    }
}
