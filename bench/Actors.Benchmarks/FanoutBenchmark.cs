using System.Diagnostics;
using System.Threading.Channels;
using Actors.Benchmarks.Peers;

namespace Actors.Benchmarks;

/// <summary>
/// A chat channel's shape: one publisher actor gets 100 messages and sends each to 10,000 subscriber
/// actors, which count them; messages delivered per second, from the first message sent to the
/// publisher until every subscriber has all 100 (spawning the subscribers is not timed). Baseline: a
/// publisher task reading one channel and writing each item to 10,000 channels, each drained by its
/// own task. Peers: the same actors on Akka.NET and Proto.Actor.
/// </summary>
internal sealed class FanoutBenchmark : IBenchmark
{
    private const string Name = "fanout.10k";
    private const int Subscribers = 10_000;
    private const int Messages = 100;

    public IReadOnlyList<string> Names { get; } = [Name, .. PeerEntries.Names(Name)];

    public async Task<IReadOnlyList<BenchResult>> RunAsync(Runner runner)
    {
        var m = await runner.MeasureAsync(Name, ActorAsync, ChannelAsync,
            () => AkkaFanout.RunAsync(Subscribers, Messages), () => ProtoFanout.RunAsync(Subscribers, Messages));
        const string baseline = "publisher task reading a Channel<int>, writing each item to 10,000 unbounded single-reader Channel<int>s, each drained by a task (100 msgs)";
        var ours = new BenchResult(Name, "msg/s", m[0][0], baseline, m[1][0], HigherIsBetter: true);
        return [ours, .. PeerEntries.For(ours, m[2][0], AkkaFanout.How, m[3][0], ProtoFanout.How)];
    }

    private static async Task<double[]> ActorAsync()
    {
        await using var system = BenchSystem.Create();
        var done = new Countdown(Subscribers);
        var all = new IActorRef<int>[Subscribers];
        for (var i = 0; i < Subscribers; i++)
        {
            var received = 0;   // touched only by this subscriber's handler
            all[i] = system.Spawn<int>((_, _) =>
            {
                if (++received == Messages) done.Signal();
                return ValueTask.CompletedTask;
            });
        }
        var publisher = system.Spawn<int>((_, message) =>
        {
            foreach (var subscriber in all) subscriber.Tell(message);
            return ValueTask.CompletedTask;
        });

        var clock = Stopwatch.StartNew();
        for (var m = 0; m < Messages; m++) publisher.Tell(m);
        await done.Task;
        return [(double)Subscribers * Messages / clock.Elapsed.TotalSeconds];
    }

    private static async Task<double[]> ChannelAsync()
    {
        var done = new Countdown(Subscribers);
        var all = new Channel<int>[Subscribers];
        var readers = new Task[Subscribers];
        for (var i = 0; i < Subscribers; i++)
        {
            all[i] = BenchSystem.NewChannel<int>();
            readers[i] = CountAsync(all[i].Reader, done);
        }
        var input = BenchSystem.NewChannel<int>();
        var publishing = PublishAsync(input.Reader, all);

        var clock = Stopwatch.StartNew();
        for (var m = 0; m < Messages; m++) input.Writer.TryWrite(m);
        await done.Task;
        var rate = (double)Subscribers * Messages / clock.Elapsed.TotalSeconds;

        input.Writer.TryComplete();   // the publisher completes every subscriber channel on exit
        await publishing;
        await Task.WhenAll(readers);
        return [rate];

        static async Task PublishAsync(ChannelReader<int> from, Channel<int>[] to)
        {
            while (await from.WaitToReadAsync())
                while (from.TryRead(out var message))
                    foreach (var channel in to) channel.Writer.TryWrite(message);
            foreach (var channel in to) channel.Writer.TryComplete();
        }

        static async Task CountAsync(ChannelReader<int> reader, Countdown done)
        {
            var received = 0;
            while (await reader.WaitToReadAsync())
                while (reader.TryRead(out _))
                    if (++received == Messages) done.Signal();
        }
    }
}
