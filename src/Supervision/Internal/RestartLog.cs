using Microsoft.Extensions.Logging;

namespace Actors.Supervision.Internal;

/// <summary>
/// Keeps a restart storm from logging one warning per restart: per child id, the first
/// <see cref="Burst"/> restart warnings of a <see cref="Period"/> are logged, the rest are counted and
/// reported in one summary line when the period is over (at the next warning, or when the supervisor
/// stops). Owned by the supervisor's loop.
/// </summary>
internal sealed class RestartLog(TimeProvider time)
{
    public const int Burst = 5;

    public static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, (long Since, int Logged, int Suppressed)> _children = new(StringComparer.Ordinal);   // per child id

    /// <summary>True to log a restart warning for child <paramref name="id"/>; false if its burst is spent (it is counted).</summary>
    public bool Admit(ILogger log, string path, string id)
    {
        if (!log.IsEnabled(LogLevel.Warning)) return false;
        var now = time.GetTimestamp();
        if (!_children.TryGetValue(id, out var entry) || time.GetElapsedTime(entry.Since, now) >= Period)
        {
            Summarize(log, path, id, entry, now);
            entry = (now, 0, 0);
        }
        var admit = entry.Logged < Burst;
        if (admit) entry.Logged++;
        else entry.Suppressed++;
        _children[id] = entry;
        return admit;
    }

    /// <summary>Reports every suppressed count (the supervisor is stopping or escalating).</summary>
    public void Flush(ILogger log, string path)
    {
        var now = time.GetTimestamp();
        foreach (var (id, entry) in _children) Summarize(log, path, id, entry, now);
        _children.Clear();
    }

    private void Summarize(ILogger log, string path, string id, (long Since, int Logged, int Suppressed) entry, long now)
    {
        if (entry.Suppressed > 0)
            SupervisionLog.RestartWarningsSuppressed(log, path, id, entry.Suppressed, Math.Round(time.GetElapsedTime(entry.Since, now).TotalSeconds, 1));
    }
}
