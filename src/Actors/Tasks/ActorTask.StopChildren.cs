using Actors.Internal;

namespace Actors;

public abstract partial class ActorTask
{
    /// <summary>
    /// Stops the children one by one, last started first, waiting for each: those linked when the call
    /// takes the lock (a child spawned meanwhile is left to the caller's next round). Up to
    /// <see cref="ChildBuffer.Length"/> children are held in a buffer on the stack, and as long as each
    /// child's stop completes at once (an idle subtree) nothing is allocated: no list, no state machine.
    /// </summary>
    internal Task StopChildrenAsync(StopCause cause, bool includeTransient)
    {
        var buffer = new ChildBuffer();
        var count = 0;
        List<ActorTask>? many = null;
        lock (_system.TreeLock)
        {
            for (var c = _firstChild; c is not null; c = c._nextSibling)
            {
                if (!includeTransient && c.Lifetime != ActorLifetime.Normal) continue;
                if (count < ChildBuffer.Length) buffer[count] = c;
                else
                {
                    many ??= buffer.ToList(ChildBuffer.Length);
                    many.Add(c);
                }
                count++;
            }
        }
        if (many is not null) return StopEachAsync(many, many.Count, null, cause);
        try
        {
            for (var i = count - 1; i >= 0; i--)
            {
                var stop = buffer[i]!.StopCoreAsync(cause);
                if (!stop.IsCompletedSuccessfully) return StopEachAsync(buffer.ToList(i), i, stop, cause);   // the rest waits: only now a copy
            }
        }
        catch (Exception ex) { return Task.FromException(ex); }   // as from an async method: the caller's await sees it
        return Task.CompletedTask;
    }

    /// <summary>Awaits <paramref name="pending"/> (if any), then stops <paramref name="children"/>[..<paramref name="count"/>], last first, each waited for.</summary>
    private static async Task StopEachAsync(List<ActorTask> children, int count, Task? pending, StopCause cause)
    {
        if (pending is not null) await pending.ConfigureAwait(false);
        for (var i = count - 1; i >= 0; i--)
            await children[i].StopCoreAsync(cause).ConfigureAwait(false);
    }
}
