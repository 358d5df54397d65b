namespace Actors.Internal;

/// <summary>
/// Deadlines of asks on the real clock, armed late. Most asks are answered within microseconds, yet each
/// created a timer (three objects and the timer queue's lock, twice: once to create, once to dispose), a
/// large part of an ask's cost. Instead an ask is pushed on a per-processor list (one compare-and-swap);
/// every 20 ms a sweep takes the lists, drops the asks already settled and arms a real timer only for the
/// rest, for what is left of their deadline. Only deadlines of at least <see cref="MinTimeout"/> come
/// here (shorter ones get their timer at once), so the sweep arms each long before it is due and none is
/// late. The sweep runs while asks come (<see cref="SelfStoppingTimer"/>); after a second without one it
/// stops, and the next ask starts it. A settled ask stays referenced until the next sweep, two periods at most.
/// </summary>
internal static class AskDeadlines
{
    /// <summary>Shortest deadline armed late; shorter ones would be late by a larger share.</summary>
    public static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(1);

    private const int Stride = 16;   // references per shard: 128 bytes, so shards never share a cache line

    private static readonly int s_shards = (int)Math.Min(64, global::System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));
    private static readonly IAskDeadline?[] s_heads = new IAskDeadline?[s_shards * Stride];   // list heads (Interlocked)

    /// <summary>A sweep every 20 ms; about a second (50 sweeps) without an ask stops it.</summary>
    private static readonly SelfStoppingTimer s_sweeper = new(TimeSpan.FromMilliseconds(20), idleTicks: 50, Sweep, AnyPending);

    /// <summary>True while the sweep timer runs (tests).</summary>
    internal static bool IsSweeping => s_sweeper.IsRunning;

    /// <summary>Registers an unsettled ask; its deadline is armed at the next sweep if it is still unanswered then.</summary>
    public static void Add(IAskDeadline ask)
    {
        ref var head = ref s_heads[(Thread.GetCurrentProcessorId() & (s_shards - 1)) * Stride];
        while (true)
        {
            var first = Volatile.Read(ref head);
            ask.NextDeadline = first;
            if (ReferenceEquals(Interlocked.CompareExchange(ref head, ask, first), first)) break;   // a full fence before the sweeper's flag is read
        }
        s_sweeper.Ensure();
    }

    /// <summary>One sweep: takes every list, drops the settled asks and arms the others; true if there were any.</summary>
    private static bool Sweep()
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
        return found;
    }

    private static bool AnyPending()
    {
        for (var i = 0; i < s_heads.Length; i += Stride)
            if (Volatile.Read(ref s_heads[i]) is not null) return true;
        return false;
    }
}
