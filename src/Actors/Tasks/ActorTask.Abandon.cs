using Actors.Internal;

namespace Actors;

public abstract partial class ActorTask
{
    /// <summary>Gives up on every unfinished task of this subtree, deepest first: they become Stopped and are reported.</summary>
    internal void AbandonSubtree(StopCause cause)
    {
        var pending = new List<ActorTask>();
        lock (_system.TreeLock)
            VisitLocked((t, _) => { if (!t.IsFinished && t._parent is not null) pending.Add(t); });
        for (var i = pending.Count - 1; i >= 0; i--)
        {
            var task = pending[i];
            bool deferring;
            lock (_system.TreeLock)
            {
                if (task.IsFinished) continue;
                deferring = task._extras is { DeferDepth: > 0 } && !task._stopRequested || task._extras?.DeferredStop is not null;
                task._stopCause ??= cause;
                task._stopRequested = true;
            }
            if (deferring) TaskLog.AbandonedWhileDeferring(_system.TaskLogger, task.Path);
            else TaskLog.Abandoned(_system.TaskLogger, task.Path);
            task.CancelBody();
            task.Finish(ActorTaskState.Stopped, null);
        }
    }
}
