using Actors.Internal;

namespace Actors;

public abstract partial class ActorTask
{
    /// <summary>
    /// Sends <paramref name="notice"/> to <paramref name="watcher"/> once, when this task finishes
    /// (at once if it already has). Disposing the returned handle unwatches; a notice already queued
    /// in the watcher's mailbox is then dropped unhandled.
    /// </summary>
    /// <typeparam name="TMessage">The watcher's message type.</typeparam>
    /// <param name="watcher">Who is told.</param>
    /// <param name="notice">What it is told.</param>
    /// <returns>Dispose to unwatch.</returns>
    public IDisposable Watch<TMessage>(IActorRef<TMessage> watcher, TMessage notice)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        var watch = new Watch<TMessage>(watcher, notice) { Watched = this };
        bool finished;
        lock (_system.TreeLock)
        {
            finished = IsFinished;
            if (!finished) (Extras.Watches ??= []).Add(watch);
        }
        if (finished) watch.Deliver();
        return watch;
    }

    /// <summary>Drops a watch that was disposed before the task finished, so unwatching leaves nothing behind.</summary>
    internal void Unwatch(IWatch watch)
    {
        lock (_system.TreeLock) _extras?.Watches?.Remove(watch);
    }
}
