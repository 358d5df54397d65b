namespace Actors.Hosting.Internal;

/// <summary>The latest blocking report per path, for the health check. Guarded by its own lock.</summary>
internal sealed class BlockingReports(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);   // path -> timestamp of its last report; guarded by _lock

    public void Report(string path)
    {
        lock (_lock) _last[path] = time.GetTimestamp();
    }

    /// <summary>Paths reported within <paramref name="window"/>; older reports are forgotten.</summary>
    public List<string> Recent(TimeSpan window)
    {
        lock (_lock)
        {
            var stale = _last.Where(e => time.GetElapsedTime(e.Value) > window).Select(e => e.Key).ToList();
            foreach (var path in stale) _last.Remove(path);
            return [.. _last.Keys];
        }
    }
}
