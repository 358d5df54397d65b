namespace Actors.Internal;

/// <summary>
/// A periodic timer that runs only while it has work: a user publishes its work, then calls
/// <see cref="Ensure"/>; each tick returns whether it found any; after <c>idleTicks</c> ticks in a row
/// without work the timer stops. Ticks never overlap. Real time, not an <see cref="ActorSystem"/>'s
/// <see cref="TimeProvider"/>: the kernel's own housekeeping (the run-next watchdog, late ask deadlines).
/// </summary>
internal sealed class SelfStoppingTimer
{
    private readonly TimeSpan _period;      // immutable
    private readonly int _idleTicks;        // immutable
    private readonly Func<bool> _tick;      // one tick; true if it found work; immutable
    private readonly Func<bool> _pending;   // whether work is waiting, asked once the timer has stopped; immutable
    private readonly Timer _timer;
    private readonly Lock _ticking = new(); // one tick at a time
    private int _running;                   // 1 while the timer runs (Interlocked)
    private int _idle;                      // ticks in a row without work; under _ticking

    public SelfStoppingTimer(TimeSpan period, int idleTicks, Func<bool> tick, Func<bool> pending)
    {
        _period = period;
        _idleTicks = idleTicks;
        _tick = tick;
        _pending = pending;
        _timer = new Timer(static s => ((SelfStoppingTimer)s!).OnTick(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>True while the timer runs.</summary>
    public bool IsRunning => Volatile.Read(ref _running) != 0;

    /// <summary>Starts the timer if it is stopped. Call after publishing the work with a full fence (an interlocked write).</summary>
    public void Ensure()
    {
        if (Volatile.Read(ref _running) == 0 && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
            _timer.Change(_period, _period);
    }

    private void OnTick()
    {
        lock (_ticking)
        {
            if (_tick()) _idle = 0;
            else if (++_idle >= _idleTicks) Rest();
        }
    }

    /// <summary>
    /// Stops the timer. A user that read it as running before it was cleared published its work before that
    /// read, so the look after clearing sees the work and starts the timer again; a later user starts it itself.
    /// </summary>
    private void Rest()
    {
        _idle = 0;
        _timer.Change(Timeout.Infinite, Timeout.Infinite);
        Interlocked.Exchange(ref _running, 0);   // a full fence before looking for work again
        if (_pending()) Ensure();
    }
}
