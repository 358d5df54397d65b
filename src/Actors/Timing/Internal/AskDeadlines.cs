namespace Actors.Internal;

/// <summary>
/// Deadlines of asks on the real clock, armed late. Most asks are answered within microseconds, yet each
/// created a timer (three objects and the timer queue's lock, twice: once to create, once to dispose), a
/// large part of an ask's cost. Instead an ask is pushed on a per-processor list (one compare-and-swap);
/// every <see cref="SweepPeriod"/> a sweep takes the lists, drops the asks already settled and arms a real
/// timer only for the rest, for what is left of their deadline. So a deadline is never late by more than
/// a sweep, and is exact past that (only deadlines of at least <see cref="MinTimeout"/> come here; shorter
/// ones get their timer at once). The sweep runs while asks come; after a second without one it stops,
/// and the next ask starts it. A settled ask stays referenced until the next sweep, two periods at most.
/// </summary>
internal static class AskDeadlines
{
    /// <summary>Shortest deadline armed late; shorter ones would be late by a larger share.</summary>
    public static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan SweepPeriod = TimeSpan.FromMilliseconds(20);
    private const int IdleSweeps = 50;   // about a second without an ask stops the sweep
    private const int Stride = 16;       // references per shard: 128 bytes, so shards never share a cache line

    private static readonly int s_shards = (int)Math.Min(64, global::System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));
    private static readonly IAskDeadline?[] s_heads = new IAskDeadline?[s_shards * Stride];   // list heads (Interlocked)
    private static readonly Timer s_sweeper = new(static _ => Sweep(), null, Timeout.Infinite, Timeout.Infinite);
    private static readonly Lock s_sweeping = new();   // one sweep at a time
    private static int s_running;                      // 1 while the sweep timer runs (Interlocked)
    private static int s_idle;                         // sweeps in a row that found nothing; under s_sweeping

    /// <summary>True while the sweep timer runs (tests).</summary>
    internal static bool IsSweeping => Volatile.Read(ref s_running) != 0;

    /// <summary>Registers an unsettled ask; its deadline is armed at the next sweep if it is still unanswered then.</summary>
    public static void Add(IAskDeadline ask)
    {
        ref var head = ref s_heads[(Thread.GetCurrentProcessorId() & (s_shards - 1)) * Stride];
        while (true)
        {
            var first = Volatile.Read(ref head);
            ask.NextDeadline = first;
            if (ReferenceEquals(Interlocked.CompareExchange(ref head, ask, first), first)) break;   // a full fence before reading s_running
        }
        if (Volatile.Read(ref s_running) == 0 && Interlocked.CompareExchange(ref s_running, 1, 0) == 0)
            s_sweeper.Change(SweepPeriod, SweepPeriod);
    }

    private static void Sweep()
    {
        lock (s_sweeping)
        {
            var found = false;
            var now = Environment.TickCount64;
            for (var i = 0; i < s_heads.Length; i += Stride)
            {
                for (var ask = Interlocked.Exchange(ref s_heads[i], null); ask is not null;)
                {
                    found = true;
                    var next = ask.NextDeadline;
                    ask.NextDeadline = null;
                    if (!ask.IsSettled) ask.ArmRest(now);
                    ask = next;
                }
            }
            if (found) s_idle = 0;
            else if (++s_idle >= IdleSweeps) Rest();
        }
    }

    /// <summary>
    /// Stops the timer. An ask that read the flag as running before it was cleared pushed itself before
    /// that read, so the look after clearing sees it and starts the timer again; a later ask starts it itself.
    /// </summary>
    private static void Rest()
    {
        s_idle = 0;
        s_sweeper.Change(Timeout.Infinite, Timeout.Infinite);
        Interlocked.Exchange(ref s_running, 0);   // a full fence before looking at the lists again
        for (var i = 0; i < s_heads.Length; i += Stride)
        {
            if (Volatile.Read(ref s_heads[i]) is null) continue;
            if (Interlocked.CompareExchange(ref s_running, 1, 0) == 0) s_sweeper.Change(SweepPeriod, SweepPeriod);
            return;
        }
    }
}
