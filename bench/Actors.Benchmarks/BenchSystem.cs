namespace Actors.Benchmarks;

/// <summary>Shared helpers: the actor system settings used by every benchmark, and drain loops for the channel baselines.</summary>
internal static class BenchSystem
{
    /// <summary>The cheapest handler: an idle actor that ignores its messages.</summary>
    public static readonly Func<ActorContext<int>, int, ValueTask> Idle = static (_, _) => ValueTask.CompletedTask;

    /// <summary>
    /// A fresh system: no per-message or per-body deadline, no stop grace limit (benchmarks wait for the
    /// real stop instead of abandoning), silent log. Ask keeps its default timeout (a timer per ask).
    /// </summary>
    public static ActorSystem Create() => new(new ActorSystemOptions
    {
        TaskTimeout = Timeout.InfiniteTimeSpan,
        StopGracePeriod = Timeout.InfiniteTimeSpan,
    });

    /// <summary>The single-reader unbounded channel every baseline uses (same settings as an actor's mailbox).</summary>
    public static System.Threading.Channels.Channel<T> NewChannel<T>() =>
        System.Threading.Channels.Channel.CreateUnbounded<T>(new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });

    /// <summary>Fails the run if a benchmark's own sanity check does not hold.</summary>
    public static void Require(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"Benchmark sanity check failed: {what}");
    }

    /// <summary>Full collection so one measurement's garbage does not land in the next.</summary>
    public static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
