namespace Actors.Hosting.AspNetCore.Internal;

/// <summary>
/// Messages per second per path, from the handled counters of two snapshots at least a second apart.
/// Callers in between reuse the last rates. Only tasks that handled a message get an entry. Guarded by its own lock.
/// </summary>
internal sealed class RateTracker(TimeProvider time)
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private Dictionary<string, (long Handled, double Rate)> _last = new(StringComparer.Ordinal);   // per path at the last sample; guarded by _lock
    private long _sampledAt;                                                                        // timestamp of the last sample; guarded by _lock

    /// <summary>Rates for the tasks of <paramref name="snapshot"/>; takes a new sample when the last is a second old.</summary>
    public Dictionary<string, (long Handled, double Rate)> Rates(ActorTreeSnapshot snapshot)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            var elapsed = _sampledAt == 0 ? TimeSpan.Zero : time.GetElapsedTime(_sampledAt, now);
            if (_sampledAt != 0 && elapsed < s_interval) return _last;
            var next = new Dictionary<string, (long, double)>(_last.Count, StringComparer.Ordinal);
            foreach (var task in snapshot.Tasks)
            {
                if (task.MessagesHandled == 0) continue;   // processes and idle handlers: rate 0, no entry (most of a big tree)
                var rate = elapsed > TimeSpan.Zero && _last.TryGetValue(task.Path, out var before) && task.MessagesHandled >= before.Handled
                    ? (task.MessagesHandled - before.Handled) / elapsed.TotalSeconds
                    : 0;
                next[task.Path] = (task.MessagesHandled, Math.Round(rate, 1));
            }
            _last = next;
            _sampledAt = now;
            return next;
        }
    }
}
