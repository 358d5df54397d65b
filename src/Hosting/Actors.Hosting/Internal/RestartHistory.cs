namespace Actors.Hosting.Internal;

/// <summary>Restart counts per path seen by earlier health checks, to tell a restart loop (many restarts lately) from old history. Guarded by its own lock.</summary>
internal sealed class RestartHistory(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<(long At, int Restarts)>> _seen = new(StringComparer.Ordinal);   // guarded by _lock

    /// <summary>Paths whose restart count rose by at least <paramref name="threshold"/> within <paramref name="window"/>.</summary>
    public List<string> Looping(ActorTreeSnapshot snapshot, int threshold, TimeSpan window)
    {
        var now = time.GetTimestamp();
        var looping = new List<string>();
        lock (_lock)
        {
            foreach (var task in snapshot.Tasks)
            {
                if (task.Restarts == 0) continue;
                if (!_seen.TryGetValue(task.Path, out var samples)) _seen[task.Path] = samples = new Queue<(long, int)>();
                while (samples.Count > 1 && time.GetElapsedTime(samples.Peek().At, now) > window) samples.Dequeue();
                var baseline = samples.Count > 0 ? samples.Peek().Restarts : 0;
                if (samples.Count == 0 || samples.Peek().At != now) samples.Enqueue((now, task.Restarts));
                if (task.Restarts - baseline >= threshold) looping.Add(task.Path);
            }
        }
        return looping;
    }
}
