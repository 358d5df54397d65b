using Actors.Internal;

namespace Actors;

public abstract partial class ActorTask
{
    /// <summary>The live children in start order (a copy).</summary>
    public IReadOnlyList<ActorTask> Children
    {
        get
        {
            lock (_system.TreeLock) return ChildrenLocked(includeTransient: true);
        }
    }

    /// <summary>
    /// Waits until every non-transient child has finished, including children spawned while waiting.
    /// Transient children are skipped. Failures are not rethrown (await the children for that).
    /// </summary>
    /// <param name="cancellationToken">Stops the waiting.</param>
    /// <returns>Completes when no non-transient child is running.</returns>
    public async Task WhenChildrenFinishedAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            List<ActorTask> running;
            lock (_system.TreeLock)
            {
                running = ChildrenLocked(includeTransient: false);
                running.RemoveAll(static c => c.IsFinished);
            }
            if (running.Count == 0) return;
            await Task.WhenAll(running.Select(static c => c.WhenFinished())).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits until no non-transient descendant is running: children, grandchildren and deeper, including
    /// tasks spawned while waiting. A child whose body has ended but whose own children still run is
    /// waited through. Transient tasks and what they spawned are skipped. Failures are not rethrown.
    /// </summary>
    /// <param name="cancellationToken">Stops the waiting.</param>
    /// <returns>Completes when the whole non-transient subtree below this task has finished.</returns>
    /// <exception cref="InvalidOperationException">Called from inside this subtree's own bodies, where it would wait on itself.</exception>
    public async Task WhenSubtreeFinishedAsync(CancellationToken cancellationToken = default)
    {
        if (!ReferenceEquals(ActorContext.CurrentTask, this) && IsInsideSubtree(ActorContext.CurrentTask))
            throw new InvalidOperationException($"A descendant of {Path} cannot wait for {Path}'s whole subtree: it would wait on itself.");
        while (true)
        {
            var running = new List<ActorTask>();
            lock (_system.TreeLock) CollectRunningLocked(running);
            if (running.Count == 0) return;
            await Task.WhenAll(running.Select(static c => c.WhenFinished())).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds the unfinished non-transient descendants, looking through finished ones; caller holds the lock.</summary>
    private void CollectRunningLocked(List<ActorTask> into)
    {
        for (var c = _firstChild; c is not null; c = c._nextSibling)
        {
            if (c.Lifetime != ActorLifetime.Normal) continue;
            if (!c.IsFinished) into.Add(c);
            c.CollectRunningLocked(into);
        }
    }

    /// <summary>Finds a descendant by a path relative to this task (<c>connections/42</c>), or null.</summary>
    internal ActorTask? FindLocked(ReadOnlySpan<string> segments)
    {
        var node = this;
        foreach (var segment in segments)
        {
            node = node.ChildLocked(segment);
            if (node is null) return null;
        }
        return node;
    }

    private ActorTask? ChildLocked(string segment)
    {
        if (segment.Length > 1 && segment[0] == '$')
        {
            for (var c = _firstChild; c is not null; c = c._nextSibling)
                if (c.Segment == segment) return c;
            return null;
        }
        return _extras?.NamedChildren?.GetValueOrDefault(segment);
    }

    internal List<ActorTask> ChildrenLocked(bool includeTransient)
    {
        AssertLockHeld();
        var list = new List<ActorTask>();
        for (var c = _firstChild; c is not null; c = c._nextSibling)
            if (includeTransient || c.Lifetime == ActorLifetime.Normal) list.Add(c);
        return list;
    }

    internal bool HasChildrenLocked => _firstChild is not null;

    internal int NormalChildrenLocked => _normalChildren;

    /// <summary>
    /// Called under the lock once this task is final: if no normal child is left, the task leaves its
    /// parent, its transient children move up, and finished ancestors waiting only on it follow.
    /// Returns true when the root's set of children changed while it had no normal child left.
    /// </summary>
    private bool DetachIfDoneLocked()
    {
        AssertLockHeld();
        var node = this;
        while (node.IsFinished && node._normalChildren == 0 && (node._flags & NodeFlags.Detached) == 0)
        {
            var parent = node._parent;
            if (parent is null) return false;
            node.MoveChildrenUpLocked(parent);
            parent.UnlinkLocked(node);
            node._flags |= NodeFlags.Detached;
            if (node.Lifetime == ActorLifetime.Normal) parent._normalChildren--;
            if (parent._parent is null) return parent._normalChildren == 0;
            node = parent;
        }
        return false;
    }

    private void MoveChildrenUpLocked(ActorTask parent)
    {
        for (var c = _firstChild; c is not null;)
        {
            var next = c._nextSibling;
            UnlinkLocked(c);
            if (c.Lifetime == ActorLifetime.Normal) _normalChildren--;
            parent.LinkLocked(c);
            if (c._extras?.Path is not null) c.VisitLocked(static (t, _) => { if (t._extras is { } e) e.Path = null; });   // its subtree's paths lost a segment
            if (c._options.Name is { } name)
            {
                var named = parent.Extras.NamedChildren ??= new Dictionary<string, ActorTask>(StringComparer.Ordinal);
                if (!named.TryGetValue(name, out var holder) || holder.IsFinished) named[name] = c;
            }
            c = next;
        }
    }

    /// <summary>Visits this task and its descendants in pre-order; caller holds the lock.</summary>
    internal void VisitLocked(Action<ActorTask, int> visit)
    {
        AssertLockHeld();
        var stack = new Stack<(ActorTask Node, int Depth)>();
        stack.Push((this, 0));
        while (stack.TryPop(out var item))
        {
            visit(item.Node, item.Depth);
            if (item.Node._firstChild is not { } first) continue;
            for (var c = first._prevSibling!; ; c = c._prevSibling!)   // last to first: the first is popped first
            {
                stack.Push((c, item.Depth + 1));
                if (ReferenceEquals(c, first)) break;
            }
        }
    }

    internal string SegmentLocked => Segment;

    /// <summary>Messages this task's handler has handled; read racily (introspection only).</summary>
    internal virtual long MessagesHandledRacy => 0;

    internal ActorTaskInfo InfoLocked(string path, int depth) => new(
        path, depth, _options.Name, _extras?.Label ?? _options.Label, BodyKind, State, _stopRequested,
        Lifetime == ActorLifetime.Transient, _system.TimeProvider.GetElapsedTime(_spawnedAt), MailboxDepth,
        _extras?.Restarts ?? 0, (_extras?.Failure ?? _extras?.LastFailure) is { } failure ? Describe(failure) : null, _extras?.DeferredStop is not null, MessagesHandledRacy);
}
