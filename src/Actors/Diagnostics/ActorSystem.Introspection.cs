namespace Actors;

public sealed partial class ActorSystem
{
    /// <summary>Copies the tree: path, label, kind, state, age, mailbox depth, restarts, transient flag and last failure of every task.</summary>
    /// <returns>A consistent snapshot.</returns>
    public ActorTreeSnapshot Snapshot()
    {
        var tasks = new List<ActorTaskInfo>();
        var counts = Enum.GetValues<ActorTaskState>().ToDictionary(s => s, _ => 0);
        var paths = new List<string>();   // path of the last node seen at each depth
        lock (TreeLock)
        {
            _root.VisitLocked((task, depth) =>
            {
                var path = depth == 0 ? "/" : (depth == 1 ? "" : paths[depth - 1]) + "/" + task.SegmentLocked;
                if (paths.Count <= depth) paths.Add(path); else paths[depth] = path;
                tasks.Add(task.InfoLocked(path, depth));
                if (depth > 0) counts[task.State]++;
            });
        }
        return new ActorTreeSnapshot(tasks, counts, DeadLetters.Count, Diagnostics.MessagesHandled);
    }
}
