using Actors.Internal;

namespace Actors;

public abstract partial class ActorTask
{
    /// <summary>Spawns a handler actor as a child of this task: <paramref name="handler"/> runs once per message, one message at a time.</summary>
    /// <typeparam name="TMessage">The messages it receives.</typeparam>
    /// <param name="handler">Called per message with the actor's context; a throw fails the actor.</param>
    /// <param name="options">Name, lifetime, timeout, mailbox; null for defaults.</param>
    /// <returns>A reference for sending; <see cref="IActorRef{TMessage}.Task"/> is the node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid (the message says which).</exception>
    /// <exception cref="InvalidOperationException">This task has finished, or the system is stopped.</exception>
    /// <exception cref="NameOverlapException">The name is taken and the policy rejects the newer task.</exception>
    public IActorRef<TMessage> Spawn<TMessage>(Func<ActorContext<TMessage>, TMessage, ValueTask> handler, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var cell = new ActorCell<TMessage, NoResult>(_system, this, Checked(options), handler, null);
        Adopt(cell);
        return cell;
    }

    /// <summary>Spawns a handler actor whose behaviour is an <see cref="IActor{TMessage}"/> object.</summary>
    /// <inheritdoc cref="Spawn{TMessage}(Func{ActorContext{TMessage}, TMessage, ValueTask}, SpawnOptions?)"/>
    /// <param name="actor">The behaviour; a new instance per spawn.</param>
    /// <param name="options">Name, lifetime, timeout, mailbox; null for defaults.</param>
    public IActorRef<TMessage> Spawn<TMessage>(IActor<TMessage> actor, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Spawn<TMessage>(actor.ReceiveAsync, options);
    }

    /// <summary>Runs <paramref name="body"/> once as a child task (a process without a mailbox).</summary>
    /// <param name="body">The work; it should observe <see cref="ActorContext.Cancellation"/>.</param>
    /// <param name="options">Name, lifetime, timeout; null for defaults.</param>
    /// <returns>The task; await it for the outcome.</returns>
    /// <inheritdoc cref="Spawn{TMessage}(Func{ActorContext{TMessage}, TMessage, ValueTask}, SpawnOptions?)"/>
    public ActorTask Run(Func<ActorContext, Task> body, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Start<NoMessage, NoResult>(async ctx => { await body(ctx).ConfigureAwait(false); return default; }, options);
    }

    /// <summary>Runs <paramref name="body"/> once as a child task and makes its return value the task's result.</summary>
    /// <inheritdoc cref="Run(Func{ActorContext, Task}, SpawnOptions?)"/>
    public ActorTask<TResult> Run<TResult>(Func<ActorContext, Task<TResult>> body, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Start<NoMessage, TResult>(ctx => body(ctx), options);
    }

    /// <summary>Runs <paramref name="body"/> once as a child process that receives messages with <see cref="ActorContext{TMessage}.ReceiveAsync"/>.</summary>
    /// <returns>A reference for sending; <see cref="IActorRef{TMessage}.Task"/> is the node.</returns>
    /// <inheritdoc cref="Run(Func{ActorContext, Task}, SpawnOptions?)"/>
    public IActorRef<TMessage> RunWithMailbox<TMessage>(Func<ActorContext<TMessage>, Task> body, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Start<TMessage, NoResult>(async ctx => { await body(ctx).ConfigureAwait(false); return default; }, options);
    }

    /// <summary>Runs <paramref name="body"/> once as a child process with a mailbox and a result.</summary>
    /// <returns>The task; <see cref="Ref{TMessage}"/> gives a reference for sending.</returns>
    /// <inheritdoc cref="Run(Func{ActorContext, Task}, SpawnOptions?)"/>
    public ActorTask<TResult> RunWithMailbox<TMessage, TResult>(Func<ActorContext<TMessage>, Task<TResult>> body, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Start<TMessage, TResult>(body, options);
    }

    private ActorCell<TMessage, TResult> Start<TMessage, TResult>(Func<ActorContext<TMessage>, Task<TResult>> body, SpawnOptions? options)
    {
        var cell = new ActorCell<TMessage, TResult>(_system, this, Checked(options), null, body);
        Adopt(cell);
        return cell;
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
        lock (_system.TreeLock)
        {
            if (_parent is null) _system.ThrowIfStoppedLocked();
            else if (IsFinished || (_flags & NodeFlags.BodyEnded) != 0)
                throw new InvalidOperationException($"Task {PathLocked()} has finished ({(IsFinished ? State.ToString() : "its body ended")}) and accepts no new children. Spawn under a running task or under the system.");
            if (child._name is { } name) displaced = ClaimNameLocked(name, child);
            LinkLocked(child);
        }
        if (displaced is not null) StopDisplaced(displaced, child);
        if (child._options.Start == StartMode.Immediate) child.StartBody();
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
        child._prevSibling = _lastChild;
        child._nextSibling = null;
        if (_lastChild is null) _firstChild = child; else _lastChild._nextSibling = child;
        _lastChild = child;
        if (child.Lifetime == ActorLifetime.Normal) _normalChildren++;
    }

    private void UnlinkLocked(ActorTask child)
    {
        AssertLockHeld();
        if (child._prevSibling is null) _firstChild = child._nextSibling; else child._prevSibling._nextSibling = child._nextSibling;
        if (child._nextSibling is null) _lastChild = child._prevSibling; else child._nextSibling._prevSibling = child._prevSibling;
        child._prevSibling = child._nextSibling = null;
        if (child._name is { } name && _extras?.NamedChildren is { } named
            && named.TryGetValue(name, out var holder) && ReferenceEquals(holder, child))
            named.Remove(name);
    }
}
