namespace Actors.Internal;

/// <summary>One death watch: delivers a notice to the watcher when the watched task finishes, unless disposed first (even in flight).</summary>
internal sealed class Watch<TMessage>(IActorRef<TMessage> watcher, TMessage notice) : ConditionalMeta, IWatch
{
    private int _cancelled;   // 1 once unwatched (Interlocked)

    /// <summary>The watched task holding this watch in its list, removed from it on unwatch; null when someone else holds it.</summary>
    public ActorTask? Watched { get; init; }

    public override bool IsCurrent => Volatile.Read(ref _cancelled) == 0;

    public void Deliver()
    {
        if (!IsCurrent) return;
        if (watcher is IMailboxOwner<TMessage> owner) owner.PostConditional(notice, this);
        else watcher.TryTell(notice);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _cancelled, 1) == 0) Watched?.Unwatch(this);
    }
}
