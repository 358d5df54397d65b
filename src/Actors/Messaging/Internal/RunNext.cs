namespace Actors.Internal;

/// <summary>
/// The "run next" slot of a thread (as in Go's scheduler): an actor that a turn wakes with a plain tell
/// is parked here instead of queued to the thread pool, and runs on this thread as soon as the waking
/// turn ends. That saves the pool's work item per wake-up (its queue, its thread request, its per-item
/// bookkeeping and clock read), which was most of the cost of a message when one is in flight.
/// <para>Rules, each for a reason:</para>
/// <list type="bullet">
/// <item>Only a turn parks (<see cref="ActorContext.InTurn"/>), and whoever runs a turn drains the slot
/// right after it (<see cref="Drain"/>), so a slot is empty whenever its thread leaves the kernel.</item>
/// <item>The slot never waits across another handler call: before a turn handles its next message it
/// spills the slot to the pool (<see cref="Spill"/>), so a parked actor waits only for the end of the
/// handler call that woke it.</item>
/// <item>An ask is never parked (the target is queued to the pool): a handler that blocks on an ask's
/// result must not hold its partner in its own slot.</item>
/// <item>A handler that blocks its thread after a tell (a hand-made ask over a tell and a
/// <c>TaskCompletionSource</c>, a sleep) would hold the actor it woke; the watchdog
/// (<c>RunNext.Watchdog.cs</c>) takes an actor parked for a whole tick and queues it to the pool, so it is
/// delayed by a few milliseconds at most, never deadlocked.</item>
/// <item>One slot: while it is taken, a further wake-up goes to this thread's pool queue.</item>
/// <item>A run of inline turns handles at most one turn's <see cref="IInlineTurn.Throughput"/> of messages;
/// past that, the next actor goes to the back of the global queue, so a ping-pong pair cannot keep its
/// thread from the other work.</item>
/// </list>
/// </summary>
internal static partial class RunNext
{
    [ThreadStatic] private static RunNextSlot? t_slot;   // this thread's slot, registered with the watchdog on first use

    /// <summary>The flow a thread-pool work item starts with (empty), restored before each inline turn; captured by the first pooled turn.</summary>
    private static ExecutionContext? s_emptyFlow;

    /// <summary>Notes the empty flow of a thread-pool work item; call at the start of a pooled turn.</summary>
    public static void NotePoolFlow()
    {
        if (s_emptyFlow is null) s_emptyFlow = ExecutionContext.Capture();
    }

    /// <summary>Parks an actor that now holds <c>Scheduled</c>; only from inside a turn.</summary>
    public static void Park(IInlineTurn woken)
    {
        var slot = t_slot ?? Register();
        if (Volatile.Read(ref slot.Parked) is not null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(woken, preferLocal: true);   // the slot is taken: a fan-out pays no swap per wake-up
            return;
        }
        slot.Parks++;
        Interlocked.Exchange(ref slot.Parked, woken);   // only this thread fills its slot; a full fence before reading the watchdog's state
        EnsureWatched();
    }

    /// <summary>This thread's slot, registered on first use; a turn reads it once, not per message (a thread-static read each time).</summary>
    public static RunNextSlot ThisThread => t_slot ?? Register();

    /// <summary>Sends the actor parked in this thread's <paramref name="slot"/>, if any, to this thread's pool queue.</summary>
    public static void Spill(RunNextSlot slot)
    {
        if (Volatile.Read(ref slot.Parked) is not null && Interlocked.Exchange(ref slot.Parked, null) is { } parked)
            ThreadPool.UnsafeQueueUserWorkItem(parked, preferLocal: true);
    }

    /// <summary>
    /// Runs the parked actors after a turn that handled <paramref name="handled"/> messages of
    /// <paramref name="bucket"/>'s series and ended at <paramref name="clock"/> (its blocking-detection tick,
    /// or 0), one after the other, while the run stays within the budget; past it, the next goes to the back
    /// of the global queue. Counts the run's messages in their series once per series change and at the end,
    /// not once per turn: an interlocked add per turn was one of the few atomics left on a one-message hop.
    /// </summary>
    public static void Drain(MetricBucket bucket, int handled, long clock)
    {
        var count = handled;   // handled in bucket's series, not yet added to it
        var slot = t_slot;
        while (slot is not null && Volatile.Read(ref slot.Parked) is not null && Interlocked.Exchange(ref slot.Parked, null) is { } next)
        {
            var empty = s_emptyFlow;
            if (empty is null || handled >= next.Throughput)
            {
                ThreadPool.UnsafeQueueUserWorkItem(next, preferLocal: false);
                break;
            }
            ExecutionContext.Restore(empty);   // as a fresh work item starts: nothing of the last turn's flow
            var turn = next.RunInlineTurn(ref clock);
            handled += Math.Max(1, turn);   // a turn that handled nothing still counts against the budget
            if (!ReferenceEquals(next.Bucket, bucket))
            {
                if (count > 0) bucket.AddMessages(count);
                bucket = next.Bucket;
                count = 0;
            }
            count += turn;
        }
        if (count > 0) bucket.AddMessages(count);
    }
}
