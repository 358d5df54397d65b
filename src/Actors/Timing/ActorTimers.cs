using Actors.Internal;

namespace Actors;

/// <summary>
/// Keyed timers owned by one task that send it messages. Starting a key again replaces its timer;
/// a cancelled timer's queued ticks are dropped, never handled. All timers stop when the task finishes.
/// Time comes from <see cref="ActorSystemOptions.TimeProvider"/>.
/// </summary>
/// <typeparam name="TMessage">The task's message type.</typeparam>
public sealed class ActorTimers<TMessage>
{
    private readonly Lock _sync = new();                                     // guards _entries and every entry's fields
    private readonly Dictionary<string, ActorTimerEntry> _entries = new(StringComparer.Ordinal);
    private readonly IMailboxOwner<TMessage> _owner;                        // the task; immutable
    private readonly TimeProvider _time;                                    // immutable
    private readonly Action<TimerTick> _onSettled;                          // OnTickHandled, allocated once
    private bool _closed;                                                   // the task finished; no new timers

    internal ActorTimers(IMailboxOwner<TMessage> owner, TimeProvider time)
    {
        _owner = owner;
        _time = time;
        _onSettled = OnTickHandled;
    }

    /// <summary>Sends <paramref name="message"/> once after <paramref name="delay"/>.</summary>
    /// <param name="key">Identifies the timer; an active timer with this key is replaced.</param>
    /// <param name="delay">Zero or more.</param>
    /// <param name="message">What to send.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative or longer than a timer can wait (about 49.7 days).</exception>
    public void Once(string key, TimeSpan delay, TMessage message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        TimerLimit.ThrowIfAboveMax(delay, nameof(delay));
        Start(key, delay, TimeSpan.Zero, TimerPeriodMode.StartToStart, message);
    }

    /// <summary>Sends <paramref name="message"/> every <paramref name="period"/>.</summary>
    /// <param name="key">Identifies the timer; an active timer with this key is replaced.</param>
    /// <param name="period">Positive.</param>
    /// <param name="message">What to send each tick.</param>
    /// <param name="mode">Start-to-start (fixed rate, a tick skipped while the last is queued) or end-to-start (the next period starts once the tick is handled).</param>
    /// <param name="initialDelay">Delay before the first tick; null for one period.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not positive, <paramref name="initialDelay"/> is negative, or either is longer than a timer can wait (about 49.7 days).</exception>
    public void Periodic(string key, TimeSpan period, TMessage message, TimerPeriodMode mode = TimerPeriodMode.StartToStart, TimeSpan? initialDelay = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        TimerLimit.ThrowIfAboveMax(period, nameof(period));
        if (initialDelay is { } d)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(d, TimeSpan.Zero, nameof(initialDelay));
            TimerLimit.ThrowIfAboveMax(d, nameof(initialDelay));
        }
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "Use one of the TimerPeriodMode values.");
        Start(key, initialDelay ?? period, period, mode, message);
    }

    /// <summary>Cancels a timer; its queued ticks are dropped.</summary>
    /// <param name="key">The timer's key.</param>
    /// <returns>True if a timer with this key was active.</returns>
    public bool Cancel(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_sync)
        {
            if (!_entries.Remove(key, out var entry)) return false;
            Disarm(entry);
            return true;
        }
    }

    /// <summary>Cancels every timer.</summary>
    public void CancelAll()
    {
        lock (_sync)
        {
            foreach (var entry in _entries.Values) Disarm(entry);
            _entries.Clear();
        }
    }

    /// <summary>Whether a timer with this key is active.</summary>
    /// <param name="key">The timer's key.</param>
    /// <returns>True if active.</returns>
    public bool IsActive(string key)
    {
        lock (_sync) return _entries.ContainsKey(key);
    }

    internal void Close()
    {
        lock (_sync) _closed = true;
        CancelAll();
    }

    /// <summary>A tick was handled (or received): end-to-start timers start their next period; one-shots retire.</summary>
    internal void OnTickHandled(TimerTick tick)
    {
        var entry = tick.Entry;
        lock (_sync)
        {
            entry.Queued = false;
            if (!entry.IsCurrent(tick.Generation)) return;
            if (entry.Period == TimeSpan.Zero)
            {
                _entries.Remove(entry.Key);
                Disarm(entry);
            }
            else if (entry.Mode == TimerPeriodMode.EndToStart) entry.Timer!.Change(entry.Period, Timeout.InfiniteTimeSpan);
        }
    }

    private void Start(string key, TimeSpan due, TimeSpan period, TimerPeriodMode mode, TMessage message)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var entry = new ActorTimerEntry(key, mode, period);
        lock (_sync)
        {
            if (_closed) return;
            if (_entries.Remove(key, out var old)) Disarm(old);
            _entries[key] = entry;
            var repeat = period > TimeSpan.Zero && mode == TimerPeriodMode.StartToStart ? period : Timeout.InfiniteTimeSpan;
            var state = (this, entry, entry.Generation, message);
            entry.Timer = _time.CreateTimer(static s =>
            {
                var (timers, entry, generation, message) = ((ActorTimers<TMessage>, ActorTimerEntry, int, TMessage))s!;
                timers.Fire(entry, generation, message);
            }, state, due, repeat);
        }
    }

    private void Fire(ActorTimerEntry entry, int generation, TMessage message)
    {
        lock (_sync)
        {
            if (!entry.IsCurrent(generation) || entry.Queued) return;   // cancelled, or the last tick is still queued
            entry.Queued = true;
        }
        if (!_owner.PostConditional(message, new TimerTick(entry, generation, _onSettled)))
            lock (_sync) entry.Queued = false;
    }

    private static void Disarm(ActorTimerEntry entry)
    {
        entry.Generation++;
        entry.Timer?.Dispose();
        entry.Timer = null;
    }
}
