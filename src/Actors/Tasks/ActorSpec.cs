using Actors.Internal;

namespace Actors;

/// <summary>
/// Makes <see cref="ActorSpec{TRef}"/>s, one factory per body shape. Most code never calls these: the
/// extension methods of <see cref="ActorSpawnerExtensions"/> (<c>system.Spawn(...)</c>,
/// <c>ctx.Run(...)</c>) build the spec and spawn it in one call. Build a spec yourself to keep a body
/// and its options together and spawn it several times, or to hand it to something that spawns later.
/// </summary>
public static class ActorSpec
{
    /// <summary>A handler actor: <paramref name="handler"/> runs once per message, one message at a time.</summary>
    /// <typeparam name="TMessage">The messages it receives.</typeparam>
    /// <param name="handler">Called per message with the actor's context; a throw fails the actor.</param>
    /// <param name="options">Name, lifetime, timeout, mailbox; null for defaults.</param>
    /// <returns>The spec; spawning it gives a reference for sending.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    public static ActorSpec<IActorRef<TMessage>> Handler<TMessage>(Func<ActorContext<TMessage>, TMessage, ValueTask> handler, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new CellSpec<TMessage, NoResult, IActorRef<TMessage>>(handler, null, options);
    }

    /// <summary>A handler actor whose behaviour is an <see cref="IActor{TMessage}"/> object.</summary>
    /// <typeparam name="TMessage">The messages it receives.</typeparam>
    /// <param name="actor">The behaviour; give each spawn its own instance (a spec built from one instance shares it).</param>
    /// <param name="options">Name, lifetime, timeout, mailbox; null for defaults.</param>
    /// <returns>The spec; spawning it gives a reference for sending.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> is null.</exception>
    public static ActorSpec<IActorRef<TMessage>> Handler<TMessage>(IActor<TMessage> actor, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Handler<TMessage>(actor.ReceiveAsync, options);
    }

    /// <summary>A process without a mailbox: <paramref name="body"/> runs once.</summary>
    /// <param name="body">The work; it should observe <see cref="ActorContext.Cancellation"/>.</param>
    /// <param name="options">Name, lifetime, timeout; null for defaults.</param>
    /// <returns>The spec; spawning it gives the task.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public static ActorSpec<ActorTask> Process(Func<ActorContext, Task> body, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new CellSpec<NoMessage, NoResult, ActorTask>(null, async ctx => { await body(ctx).ConfigureAwait(false); return default; }, options);
    }

    /// <summary>A process without a mailbox whose return value is the task's result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <inheritdoc cref="Process(Func{ActorContext, Task}, SpawnOptions?)"/>
    public static ActorSpec<ActorTask<TResult>> Process<TResult>(Func<ActorContext, Task<TResult>> body, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new CellSpec<NoMessage, TResult, ActorTask<TResult>>(null, ctx => body(ctx), options);
    }

    /// <summary>A process that receives messages with <see cref="ActorContext{TMessage}.ReceiveAsync"/>.</summary>
    /// <typeparam name="TMessage">The messages it receives.</typeparam>
    /// <param name="body">The work; it should observe <see cref="ActorContext.Cancellation"/>.</param>
    /// <param name="options">Name, lifetime, timeout, mailbox; null for defaults.</param>
    /// <returns>The spec; spawning it gives a reference for sending.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public static ActorSpec<IActorRef<TMessage>> ProcessWithMailbox<TMessage>(Func<ActorContext<TMessage>, Task> body, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new CellSpec<TMessage, NoResult, IActorRef<TMessage>>(null, async ctx => { await body(ctx).ConfigureAwait(false); return default; }, options);
    }

    /// <summary>A process with a mailbox and a result.</summary>
    /// <typeparam name="TMessage">The messages it receives.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="body">The work.</param>
    /// <param name="options">Name, lifetime, timeout, mailbox; null for defaults.</param>
    /// <returns>The spec; spawning it gives the task (<see cref="ActorTask.Ref{TMessage}"/> gives a reference for sending).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public static ActorSpec<ActorTask<TResult>> ProcessWithMailbox<TMessage, TResult>(Func<ActorContext<TMessage>, Task<TResult>> body, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new CellSpec<TMessage, TResult, ActorTask<TResult>>(null, body, options);
    }
}
