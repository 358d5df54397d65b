namespace Actors.Hosting.AspNetCore.Internal;

/// <summary>Cuts a snapshot to the requested subtree, depth and page.</summary>
internal static class TreePage
{
    /// <param name="snapshot">The whole tree, pre-order.</param>
    /// <param name="under">The subtree's root path.</param>
    /// <param name="depth">Levels below <paramref name="under"/> to include.</param>
    /// <param name="offset">Matching tasks to skip.</param>
    /// <param name="limit">Most tasks to list.</param>
    /// <param name="rates">Messages per second per path, or null.</param>
    /// <returns>The page, or null when no task has the path <paramref name="under"/>.</returns>
    public static TreeJson? Build(ActorTreeSnapshot snapshot, string under, int depth, int offset, int limit, IReadOnlyDictionary<string, (long Handled, double Rate)>? rates)
    {
        var tasks = snapshot.Tasks;
        var start = -1;
        for (var i = 0; i < tasks.Count; i++)
            if (string.Equals(tasks[i].Path, under, StringComparison.Ordinal)) { start = i; break; }
        if (start < 0) return null;
        var baseDepth = tasks[start].Depth;
        var maxDepth = (long)baseDepth + depth;
        var page = new List<TaskJson>(Math.Min(limit, 1024));
        var total = 0;
        for (var i = start; i < tasks.Count && (i == start || tasks[i].Depth > baseDepth); i++)
        {
            var t = tasks[i];
            if (t.Depth > maxDepth) continue;
            if (total++ < offset || page.Count >= limit) continue;
            var rate = rates is not null && rates.TryGetValue(t.Path, out var r) ? r.Rate : 0;
            page.Add(new TaskJson(t.Path, t.Depth, t.Name, t.Label, t.Kind.ToString(), t.State.ToString(), t.IsStopping, t.IsTransient,
                (long)t.Age.TotalMilliseconds, t.MailboxDepth, t.MessagesHandled, rate, t.Restarts, t.LastFailure));
        }
        var truncated = offset + page.Count < total;
        return new TreeJson(total, offset, page.Count, truncated, truncated ? offset + page.Count : null, snapshot.Total,
            snapshot.DeadLetters, snapshot.MessagesHandled, page);
    }
}
