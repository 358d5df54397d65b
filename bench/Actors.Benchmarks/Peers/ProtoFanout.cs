namespace Actors.Benchmarks.Peers;

using System.Diagnostics;
using Proto;

/// <summary>
/// <c>fanout.10k</c> on Proto.Actor: a publisher <see cref="IActor"/> sends each message it gets to
/// every subscriber (the same message object, as a chat channel forwards a post); each subscriber
/// counts its messages. The clock starts once every subscriber has handled <see cref="Started"/>, as
/// Proto.Actor creates actor instances on the dispatcher after <c>Spawn</c> returns.
/// </summary>
internal static class ProtoFanout
{
    public const string How = "a publisher IActor Sends each message to subscriber IActors";

    /// <summary>Messages delivered per second.</summary>
    public static async Task<double[]> RunAsync(int subscribers, int messages)
    {
        var system = ProtoPeer.Create();
        var root = system.Root;
        var started = new Countdown(subscribers);
        var done = new Countdown(subscribers);
        var subscriberProps = Props.FromProducer(() => new Subscriber(messages, started, done));
        var all = new PID[subscribers];
        for (var i = 0; i < subscribers; i++) all[i] = root.Spawn(subscriberProps);
        var publisher = root.Spawn(Props.FromProducer(() => new Publisher(all)));
        await started.Task;

        var clock = Stopwatch.StartNew();
        for (var m = 0; m < messages; m++) root.Send(publisher, m);
        await done.Task;
        var rate = (long)subscribers * messages / clock.Elapsed.TotalSeconds;

        await ProtoPeer.StopAsync(system);
        return [rate];
    }

    private sealed class Publisher(PID[] subscribers) : IActor
    {
        public Task ReceiveAsync(IContext context)
        {
            if (context.Message is int)
                foreach (var subscriber in subscribers) context.Send(subscriber, context.Message);
            return Task.CompletedTask;
        }
    }

    private sealed class Subscriber(int messages, Countdown started, Countdown done) : IActor
    {
        private int _received;

        public Task ReceiveAsync(IContext context)
        {
            switch (context.Message)
            {
                case int when ++_received == messages: done.Signal(); break;
                case Started: started.Signal(); break;
            }
            return Task.CompletedTask;
        }
    }
}
