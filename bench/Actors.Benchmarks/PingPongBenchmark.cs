using System.Diagnostics;
using System.Threading.Channels;
using Actors.Benchmarks.Peers;

namespace Actors.Benchmarks;

/// <summary>
/// <paramref name="pairs"/> pairs of receivers bounce messages between the two sides of each pair, with
/// <paramref name="inFlight"/> messages ("balls") in flight per pair. A ball carries its remaining hop
/// count; a receiver forwards it with one hop less, or retires it at zero. Each pair does about
/// <paramref name="hopsPerPair"/> hops; the result is handled messages per second over all pairs.
/// Baseline: the same shape on raw channels, two unbounded channels per pair, each drained by a task
/// that writes back to the other channel. Peers: the same pairs on Akka.NET and Proto.Actor.
/// </summary>
internal sealed class PingPongBenchmark(int pairs, int inFlight, int hopsPerPair) : IBenchmark
{
    private readonly int _hopsPerBall = hopsPerPair / inFlight;

    public string Name => $"pingpong.{pairs}x{inFlight}";

    public IReadOnlyList<string> Names => [Name, .. PeerEntries.Names(Name)];

    /// <summary>Handled messages per run: each ball is handled once per hop plus once when it retires.</summary>
    private long TotalMessages => (long)pairs * inFlight * (_hopsPerBall + 1);

    public async Task<IReadOnlyList<BenchResult>> RunAsync(Runner runner)
    {
        var m = await runner.MeasureAsync(Name, ActorAsync, ChannelAsync,
            () => AkkaPingPong.RunAsync(pairs, inFlight, _hopsPerBall), () => ProtoPingPong.RunAsync(pairs, inFlight, _hopsPerBall));
        var baseline = $"{pairs} pairs of unbounded single-reader Channel<int> + draining task each ({TotalMessages:N0} msgs)";
        var ours = new BenchResult(Name, "msg/s", m[0][0], baseline, m[1][0], HigherIsBetter: true);
        return [ours, .. PeerEntries.For(ours, m[2][0], AkkaPingPong.How, m[3][0], ProtoPingPong.How)];
    }

    private async Task<double[]> ActorAsync()
    {
        await using var system = BenchSystem.Create();
        var retired = new Countdown(pairs * inFlight);
        var all = new PingPongPair[pairs];
        for (var p = 0; p < pairs; p++)
        {
            var pair = all[p] = new PingPongPair();
            pair.Left = system.Spawn<int>((_, hops) =>
            {
                if (hops > 0) pair.Right!.Tell(hops - 1); else retired.Signal();
                return ValueTask.CompletedTask;
            });
            pair.Right = system.Spawn<int>((_, hops) =>
            {
                if (hops > 0) pair.Left!.Tell(hops - 1); else retired.Signal();
                return ValueTask.CompletedTask;
            });
        }

        var clock = Stopwatch.StartNew();
        foreach (var pair in all)
            for (var b = 0; b < inFlight; b++) pair.Left!.Tell(_hopsPerBall);
        if (await Task.WhenAny(retired.Task, Task.Delay(Runner.HangTimeout / 2)) != retired.Task)
            throw new BenchmarkHangException(StallReport(all, retired));
        return [TotalMessages / clock.Elapsed.TotalSeconds];
    }

    /// <summary>Describes a stuck run: which actors hold queued messages without handling them.</summary>
    private string StallReport(PingPongPair[] all, Countdown retired)
    {
        var stuck = new List<string>();
        for (var p = 0; p < all.Length; p++)
        {
            foreach (var (side, actor) in new[] { ("left", all[p].Left!), ("right", all[p].Right!) })
                if (actor.ActorTask.MailboxDepth > 0) stuck.Add($"pair {p} {side}: {actor.ActorTask.State}, {actor.ActorTask.MailboxDepth} queued");
        }
        var where = stuck.Count == 0
            ? "no actor holds a queued message, so the balls in flight were lost (neither queued nor handled)"
            : "actors holding queued messages that are not being handled (lost wake-up): " + string.Join("; ", stuck);
        return $"{Name} actor run stalled: {retired.Remaining} of {pairs * inFlight} balls still in flight after {Runner.HangTimeout.TotalSeconds / 2:F0} s; {where}";
    }

    private async Task<double[]> ChannelAsync()
    {
        var retired = new Countdown(pairs * inFlight);
        var lefts = new Channel<int>[pairs];
        var bouncers = new List<Task>(2 * pairs);
        for (var p = 0; p < pairs; p++)
        {
            var left = lefts[p] = BenchSystem.NewChannel<int>();
            var right = BenchSystem.NewChannel<int>();
            bouncers.Add(BounceAsync(left.Reader, right.Writer, retired));
            bouncers.Add(BounceAsync(right.Reader, left.Writer, retired));
        }

        var clock = Stopwatch.StartNew();
        foreach (var left in lefts)
            for (var b = 0; b < inFlight; b++) left.Writer.TryWrite(_hopsPerBall);
        await retired.Task;
        var rate = TotalMessages / clock.Elapsed.TotalSeconds;

        foreach (var left in lefts) left.Writer.TryComplete();   // a left bouncer completes its right channel on exit
        await Task.WhenAll(bouncers);
        return [rate];

        static async Task BounceAsync(ChannelReader<int> from, ChannelWriter<int> to, Countdown retired)
        {
            while (await from.WaitToReadAsync())
                while (from.TryRead(out var hops))
                    if (hops > 0) to.TryWrite(hops - 1); else retired.Signal();
            to.TryComplete();
        }
    }
}
