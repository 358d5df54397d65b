namespace Actors.Internal;

/// <summary>
/// The watchdog of the <see cref="RunNext"/> slots: every tick it takes an actor that has been parked in
/// the same slot since the last tick (its thread is blocked in a handler, or busy past the tick) and
/// queues it to the pool. It runs only while slots are in use (<see cref="SelfStoppingTimer"/>): after
/// about a second without a park it stops, and the next park starts it again. Real time, not the
/// system's <see cref="TimeProvider"/>: this is the scheduler's own clock, and a fake clock in a test
/// must not leave an actor parked forever.
/// </summary>
internal static partial class RunNext
{
    /// <summary>Tick length: a parked actor whose thread blocks waits between one and two of these.</summary>
    internal static readonly TimeSpan WatchPeriod = TimeSpan.FromMilliseconds(10);

    private static readonly List<WeakReference<RunNextSlot>> s_slots = [];   // every thread's slot; guarded by itself

    /// <summary>About a second (100 ticks) without a park stops the watchdog.</summary>
    private static readonly SelfStoppingTimer s_watchdog = new(WatchPeriod, idleTicks: 100, Watch, AnyParked);

    private static RunNextSlot Register()
    {
        var slot = t_slot = new RunNextSlot();
        lock (s_slots) s_slots.Add(new WeakReference<RunNextSlot>(slot));   // weak: a slot goes with its thread
        return slot;
    }

    /// <summary>Starts the watchdog if it is not running; the caller has just parked (a full fence).</summary>
    private static void EnsureWatched() => s_watchdog.Ensure();

    /// <summary>One tick: takes and queues each actor parked since the last tick; true if any slot was used.</summary>
    private static bool Watch()
    {
        var busy = false;
        lock (s_slots)
        {
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
        }
        return busy;
    }

    private static bool AnyParked()
    {
        lock (s_slots)
        {
            foreach (var weak in s_slots)
                if (weak.TryGetTarget(out var slot) && Volatile.Read(ref slot.Parked) is not null) return true;
        }
        return false;
    }
}
