namespace Actors;

/// <summary>
/// The deadline of a section run by <see cref="ActorContext.WithTimeoutAsync{T}(TimeSpan, Func{TimeoutScope, Task{T}}, Func{ActorTimeoutException, Exception}?)"/>.
/// Its <see cref="Token"/> is cancelled when the deadline passes or the task stops. The section may
/// move the deadline with <see cref="Extend"/> and <see cref="Reset()"/>.
/// </summary>
public sealed class TimeoutScope : IDisposable
{
    private readonly Lock _sync = new();                // guards _deadline, _timedOut and the timer's schedule
    private readonly TimeProvider _time;                 // immutable
    private readonly CancellationTokenSource _cts;       // linked to the task's cancellation
    private readonly ITimer _timer;                      // fires at the deadline
    private long _deadline;                              // timestamp of the deadline; long.MaxValue for none
    private bool _timedOut;                              // the deadline passed (set once)

    internal TimeoutScope(TimeProvider time, TimeSpan duration, CancellationToken taskCancellation)
    {
        ValidateDuration(duration, nameof(duration));
        _time = time;
        Duration = duration;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(taskCancellation);
        _deadline = After(time.GetTimestamp(), duration);
        _timer = time.CreateTimer(static s => ((TimeoutScope)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        lock (_sync) Reschedule();
    }

    /// <summary>Cancelled at the deadline or when the task stops; pass it to every await in the section.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>The duration the section was started with (and that <see cref="Reset()"/> restores).</summary>
    public TimeSpan Duration { get; }

    /// <summary>True once the deadline has passed.</summary>
    public bool TimedOut
    {
        get { lock (_sync) return _timedOut; }
    }

    /// <summary>Time left before the deadline (zero once passed; <see cref="Timeout.InfiniteTimeSpan"/> when there is none).</summary>
    public TimeSpan Remaining
    {
        get
        {
            lock (_sync)
            {
                if (_deadline == long.MaxValue) return Timeout.InfiniteTimeSpan;
                var left = _deadline - _time.GetTimestamp();
                return left <= 0 ? TimeSpan.Zero : ToTimeSpan(left);
            }
        }
    }

    /// <summary>Moves the deadline later by <paramref name="by"/>. No effect once the deadline has passed.</summary>
    /// <param name="by">Positive; any length (a deadline beyond what a timer can represent means none).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is not positive.</exception>
    public void Extend(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(by, TimeSpan.Zero);
        lock (_sync)
        {
            if (_timedOut) return;
            _deadline = After(_deadline, by);
            Reschedule();
        }
    }

    /// <summary>Restarts the full <see cref="Duration"/> from now. No effect once the deadline has passed.</summary>
    public void Reset() => Reset(Duration);

    /// <summary>Sets the deadline to <paramref name="duration"/> from now. No effect once the deadline has passed.</summary>
    /// <param name="duration">Positive, or <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive (nor infinite).</exception>
    public void Reset(TimeSpan duration)
    {
        ValidateDuration(duration, nameof(duration));
        lock (_sync)
        {
            if (_timedOut) return;
            _deadline = After(_time.GetTimestamp(), duration);
            Reschedule();
        }
    }

    /// <summary>Releases the timer and the linked token source.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        _cts.Dispose();
    }

    /// <summary>Arms the timer for the deadline, in steps of at most a timer's maximum; caller holds the lock.</summary>
    private void Reschedule()
    {
        if (_deadline == long.MaxValue)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        var left = _deadline - _time.GetTimestamp();
        var due = left <= 0 ? TimeSpan.Zero : ToTimeSpan(left);
        _timer.Change(due > Internal.TimerLimit.Max ? Internal.TimerLimit.Max : due, Timeout.InfiniteTimeSpan);   // OnTimer re-arms until the deadline
    }

    private void OnTimer()
    {
        lock (_sync)
        {
            if (_time.GetTimestamp() < _deadline)
            {
                Reschedule();   // the deadline moved after the timer was set
                return;
            }
            _timedOut = true;
        }
        try { _cts.Cancel(); }
        catch (ObjectDisposedException) { }   // the section ended as the deadline passed
    }

    private static void ValidateDuration(TimeSpan duration, string name)
    {
        if (duration <= TimeSpan.Zero && duration != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(name, duration, "A section timeout must be positive; use Timeout.InfiniteTimeSpan for none.");
    }

    /// <summary>The timestamp <paramref name="span"/> after <paramref name="from"/>, saturating at long.MaxValue (no deadline).</summary>
    private long After(long from, TimeSpan span)
    {
        if (from == long.MaxValue || span == Timeout.InfiniteTimeSpan) return long.MaxValue;
        var ticks = span.Ticks * (double)_time.TimestampFrequency / TimeSpan.TicksPerSecond;
        return ticks >= long.MaxValue - (double)from ? long.MaxValue : from + (long)ticks;
    }

    private TimeSpan ToTimeSpan(long timestampTicks)
    {
        var ticks = timestampTicks * (double)TimeSpan.TicksPerSecond / _time.TimestampFrequency;
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
    }
}
