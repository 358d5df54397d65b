namespace Actors.Internal;

/// <summary>
/// The "run next" slot of a thread (as in Go's scheduler and Akka's dispatcher): an actor that a turn
/// wakes with a plain tell is parked here instead of queued to the thread pool, and runs on this thread
/// as soon as the waking turn ends. That saves the pool's work item per wake-up (its queue, its thread
/// request, its per-item bookkeeping), which was most of the cost of a message when one is in flight.
/// <para>Rules, each for a reason:</para>
/// <list type="bullet">
/// <item>Only a turn parks (<see cref="ActorContext.InTurn"/>), and whoever runs a turn drains the slot
/// right after it (<see cref="Drain"/>), so nothing is left in a slot once the turn's thread moves on.</item>
/// <item>The slot never waits across another handler call: before a turn handles its next message it
/// spills the slot to the pool (<see cref="Spill"/>). So a parked actor waits only for the end of the
/// handler call that woke it.</item>
/// <item>An ask is never parked (its sender queues the target to the pool): a handler that blocks on an
/// ask's result must not hold its partner in its own slot.</item>
/// <item>One slot: a second wake-up sends the older actor to the pool.</item>
/// <item>A run of inline turns handles at most one turn's <see cref="IInlineTurn.Throughput"/> of messages;
/// past that, the next actor goes to the back of the global queue, so a ping-pong pair cannot keep its
/// thread from the other work.</item>
/// </list>
/// </summary>
internal static class RunNext
{
    [ThreadStatic] private static IInlineTurn? t_next;   // the parked actor (it holds Scheduled), or null

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
        var older = t_next;
        t_next = woken;
        if (older is not null) ThreadPool.UnsafeQueueUserWorkItem(older, preferLocal: true);
    }

    /// <summary>Sends the parked actor, if any, to this thread's pool queue.</summary>
    public static void Spill()
    {
        var parked = t_next;
        if (parked is null) return;
        t_next = null;
        ThreadPool.UnsafeQueueUserWorkItem(parked, preferLocal: true);
    }

    /// <summary>True if an actor is parked on this thread.</summary>
    public static bool HasParked => t_next is not null;

    /// <summary>
    /// Runs the parked actors after a turn that handled <paramref name="handled"/> messages, one after the
    /// other, while the run stays within the budget; the rest go to the back of the global queue.
    /// </summary>
    public static void Drain(int handled)
    {
        if (t_next is null) return;
        var empty = s_emptyFlow;
        while (t_next is { } next)
        {
            t_next = null;
            if (empty is null || handled >= next.Throughput)
            {
                ThreadPool.UnsafeQueueUserWorkItem(next, preferLocal: false);
                return;
            }
            ExecutionContext.Restore(empty);   // as a fresh work item would start: nothing of the last turn's flow
            handled += Math.Max(1, next.RunInlineTurn());   // a turn that handled nothing still counts
        }
    }
}
