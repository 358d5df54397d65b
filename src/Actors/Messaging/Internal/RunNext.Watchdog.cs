namespace Actors.Internal;

/// <summary>
/// The watchdog of the <see cref="RunNext"/> slots: every tick it takes an actor that has been parked in
/// the same slot since the last tick (its thread is blocked in a handler, or busy past the tick) and
/// queues it to the pool. It runs only while slots are in use: after <see cref="IdleTicks"/> ticks
/// without a park it stops, and the next park starts it again. Real time, not the system's
/// <see cref="TimeProvider"/>: this is the scheduler's own clock, and a fake clock in a test must not
/// leave an actor parked forever.
/// </summary>
internal static partial class RunNext
{
    /// <summary>Tick length: a parked actor whose thread blocks waits between one and two of these.</summary>
    internal static readonly TimeSpan WatchPeriod = TimeSpan.FromMilliseconds(10);

    private const int IdleTicks = 100;   // about a second without a park stops the timer

    private static readonly List<WeakReference<RunNextSlot>> s_slots = [];   // every thread's slot; guarded by itself
    private static readonly Timer s_watchdog = new(static _ => Watch(), null, Timeout.Infinite, Timeout.Infinite);
    private static int s_watching;   // 1 while the timer runs (Interlocked)
    private static int s_idle;       // ticks in a row without a park; under the s_slots lock

    private static RunNextSlot Register()
    {
        var slot = t_slot = new RunNextSlot();
        lock (s_slots) s_slots.Add(new WeakReference<RunNextSlot>(slot));   // weak: a slot goes with its thread
        return slot;
    }

    /// <summary>Starts the watchdog if it is not running; the caller has just parked (a full fence).</summary>
    private static void EnsureWatched()
    {
        if (Volatile.Read(ref s_watching) == 0 && Interlocked.CompareExchange(ref s_watching, 1, 0) == 0)
            s_watchdog.Change(WatchPeriod, WatchPeriod);
    }

    private static void Watch()
    {
        lock (s_slots)
        {
            var busy = false;
            s_slots.RemoveAll(static w => !w.TryGetTarget(out _));
            foreach (var weak in s_slots)
            {
                if (!weak.TryGetTarget(out var slot)) continue;
                var parks = Volatile.Read(ref slot.Parks);
                var parked = Volatile.Read(ref slot.Parked);
                if (parks != slot.SeenParks) busy = true;
                if (parked is not null)
                {
                    busy = true;
                    // Parked since the last tick: its thread is not coming back for it soon. Take it, unless the owner just did.
                    if (parks == slot.SeenParks && ReferenceEquals(parked, slot.SeenParked)
                        && ReferenceEquals(Interlocked.CompareExchange(ref slot.Parked, null, parked), parked))
                    {
                        ThreadPool.UnsafeQueueUserWorkItem(parked, preferLocal: false);
                        parked = null;
                    }
                }
                slot.SeenParked = parked;
                slot.SeenParks = parks;
            }
            if (busy) s_idle = 0;
            else if (++s_idle >= IdleTicks) Rest();
        }
    }

    /// <summary>
    /// Stops the timer. A park that read the flag as running before it was cleared wrote its slot before
    /// that read, so the look after clearing sees it and starts the timer again; a later park starts it itself.
    /// </summary>
    private static void Rest()
    {
        s_idle = 0;
        s_watchdog.Change(Timeout.Infinite, Timeout.Infinite);
        Interlocked.Exchange(ref s_watching, 0);   // a full fence before looking at the slots again
        foreach (var weak in s_slots)
        {
            if (weak.TryGetTarget(out var slot) && Volatile.Read(ref slot.Parked) is not null)
            {
                EnsureWatched();
                return;
            }
        }
    }
}
