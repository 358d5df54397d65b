namespace Actors;

/// <summary>
/// The deadline of a section run by <see cref="ActorContext.WithTimeoutAsync{T}(TimeSpan, Func{TimeoutScope, Task{T}})"/>.
/// Its <see cref="Token"/> is cancelled when the deadline passes or the task stops. The section may
/// move the deadline with <see cref="Extend"/> and <see cref="Reset()"/>.
/// </summary>
public sealed class TimeoutScope : IDisposable
{
    private readonly Lock _sync = new();                // guards _deadline, _timedOut and the timer's schedule
    private readonly TimeProvider _time;                 // immutable
    private readonly CancellationTokenSource _cts;       // linked to the task's cancellation
    private readonly ITimer _timer;                      // fires at the deadline
    private long _deadline;                              // timestamp of the deadline
    private bool _timedOut;                              // the deadline passed (set once)

    internal TimeoutScope(TimeProvider time, TimeSpan duration, CancellationToken taskCancellation)
    {
        if (duration <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A section timeout must be positive.");
        _time = time;
        Duration = duration;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(taskCancellation);
        _deadline = time.GetTimestamp() + ToTicks(duration);
        _timer = time.CreateTimer(static s => ((TimeoutScope)s!).OnTimer(), this, duration, Timeout.InfiniteTimeSpan);
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

    /// <summary>Time left before the deadline (zero once passed).</summary>
    public TimeSpan Remaining
    {
        get
        {
            lock (_sync)
            {
                var left = _deadline - _time.GetTimestamp();
                return left <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks(left * TimeSpan.TicksPerSecond / _time.TimestampFrequency);
            }
        }
    }

    /// <summary>Moves the deadline later by <paramref name="by"/>. No effect once the deadline has passed.</summary>
    /// <param name="by">Positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is not positive.</exception>
    public void Extend(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(by, TimeSpan.Zero);
        lock (_sync)
        {
            if (_timedOut) return;
            _deadline += ToTicks(by);
            Reschedule();
        }
    }

    /// <summary>Restarts the full <see cref="Duration"/> from now. No effect once the deadline has passed.</summary>
    public void Reset() => Reset(Duration);

    /// <summary>Sets the deadline to <paramref name="duration"/> from now. No effect once the deadline has passed.</summary>
    /// <param name="duration">Positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive.</exception>
    public void Reset(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        lock (_sync)
        {
            if (_timedOut) return;
            _deadline = _time.GetTimestamp() + ToTicks(duration);
            Reschedule();
        }
    }

    /// <summary>Releases the timer and the linked token source.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        _cts.Dispose();
    }

    private void Reschedule()
    {
        var left = _deadline - _time.GetTimestamp();
        _timer.Change(left <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks(left * TimeSpan.TicksPerSecond / _time.TimestampFrequency), Timeout.InfiniteTimeSpan);
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

    private long ToTicks(TimeSpan span) => (long)(span.Ticks * (double)_time.TimestampFrequency / TimeSpan.TicksPerSecond);
}
