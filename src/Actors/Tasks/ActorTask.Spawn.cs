using Actors.Internal;

namespace Actors;

public abstract partial class ActorTask
{
    /// <summary>Spawns a child of this task (see <see cref="IActorSpawner"/>; the shapes are in <see cref="ActorSpawnerExtensions"/>).</summary>
    /// <inheritdoc cref="IActorSpawner.Spawn{TRef}(ActorSpec{TRef})"/>
    public TRef Spawn<TRef>(ActorSpec<TRef> spec) where TRef : class
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Handle(SpawnNode(spec, spec.Options));
    }

    /// <summary>Makes, links and (unless held back by <paramref name="options"/>) starts the node of <paramref name="spec"/>.</summary>
    internal ActorTask SpawnNode<TRef>(ActorSpec<TRef> spec, SpawnOptions? options) where TRef : class
    {
        var node = spec.Create(this, Checked(options));
        Adopt(node);
        return node;
    }

    /// <summary>A handler actor under this task, made directly: the common spawn allocates no spec.</summary>
    internal IActorRef<TMessage> SpawnHandler<TMessage>(Func<ActorContext<TMessage>, TMessage, ValueTask> handler, SpawnOptions? options)
    {
        var node = new ActorCell<TMessage, NoResult>(_system, this, Checked(options), handler, null);
        Adopt(node);
        return node;
    }

    private static SpawnOptions Checked(SpawnOptions? options)
    {
        if (options is null) return SpawnOptions.Default;
        options.Validate();
        return options;
    }

    /// <summary>Links a new child under this task, applies the name policy, then starts it.</summary>
    private void Adopt(ActorTask child)
    {
        ActorTask? displaced = null;
        var running = false;
        lock (_system.TreeLock)
        {
            if (_parent is null) _system.ThrowIfStoppedLocked();
            else if (IsFinished || (_flags & NodeFlags.BodyEnded) != 0)
                throw new InvalidOperationException($"Task {PathLocked()} has finished ({(IsFinished ? State.ToString() : "its body ended")}) and accepts no new children. Spawn under a running task or under the system.");
            if (child._options.Name is { } name) displaced = ClaimNameLocked(name, child);
            LinkLocked(child);
            if (displaced is null && child._options.Start == StartMode.Immediate && child.RunsFromSpawn)
            {
                child._state = (byte)ActorTaskState.Running;   // a handler actor runs from its spawn: the link's lock starts it too
                running = true;
            }
        }
        if (displaced is not null) StopDisplaced(displaced, child);
        if (running) child.StartedAtSpawn();
        else if (child._options.Start == StartMode.Immediate) child.StartBody();
    }

    private ActorTask? ClaimNameLocked(string name, ActorTask child)
    {
        var named = Extras.NamedChildren ??= new Dictionary<string, ActorTask>(StringComparer.Ordinal);
        if (named.TryGetValue(name, out var existing) && !existing.IsFinished)
        {
            if (child._options.NameConflict == NameConflictPolicy.RejectNewer)
                throw new NameOverlapException(existing.PathLocked(), $"A task named {existing.PathLocked()} is already running. Pick another name, stop the running task first, or spawn with NameConflictPolicy.Replace.");
        }
        else existing = null;
        named[name] = child;
        return existing;
    }

    private static void StopDisplaced(ActorTask older, ActorTask newer)
    {
        older.Observe();   // the overlap is the name policy working, not a failure nobody saw
        var path = older.Path;
        if (newer._options.NameConflict == NameConflictPolicy.FailOlder)
        {
            var overlap = new NameOverlapException(path, $"Task {path} was replaced by a newer task of the same name.");
            older.StopObserved(new StopCause("name taken by a newer task", path, overlap), overlap);
        }
        else older.StopObserved(new StopCause("replaced by a newer task of the same name", path), null);
    }

    private void LinkLocked(ActorTask child)
    {
        AssertLockHeld();
        child._parent = this;
        child._nextSibling = null;
        if (_firstChild is not { } first)
        {
            _firstChild = child;
            child._prevSibling = child;   // a list of one: the first is also the last
        }
        else
        {
            var last = first._prevSibling!;
            last._nextSibling = child;
            child._prevSibling = last;
            first._prevSibling = child;
        }
        if (child.Lifetime == ActorLifetime.Normal) _normalChildren++;
    }

    private void UnlinkLocked(ActorTask child)
    {
        AssertLockHeld();
        var first = _firstChild!;
        var prev = child._prevSibling!;   // the last child when child is the first
        var next = child._nextSibling;
        if (ReferenceEquals(child, first)) _firstChild = next;
        else prev._nextSibling = next;
        if (next is not null) next._prevSibling = prev;
        else if (!ReferenceEquals(child, first)) first._prevSibling = prev;   // child was the last: prev is now
        child._prevSibling = child._nextSibling = null;
        if (child._options.Name is { } name && _extras?.NamedChildren is { } named
            && named.TryGetValue(name, out var holder) && ReferenceEquals(holder, child))
            named.Remove(name);
    }
}
