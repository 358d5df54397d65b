namespace Actors;

/// <summary>
/// The body shapes, for every <see cref="IActorSpawner"/> (system, task, context, group): each builds an
/// <see cref="ActorSpec{TRef}"/> and spawns it. The returned reference or task is a handle, not an
/// awaitable: a fire-and-forget spawn is just <c>ctx.Run(...);</c>, and waiting is explicit
/// (<c>await task.Completion</c>).
/// </summary>
public static class ActorSpawnerExtensions
{
    /// <summary>Spawns a handler actor: <paramref name="handler"/> runs once per message, one message at a time.</summary>
    /// <typeparam name="TMessage">The messages it receives.</typeparam>
    /// <param name="spawner">The system, a task, a context or a group.</param>
    /// <param name="handler">Called per message with the actor's context; a throw fails the actor.</param>
    /// <param name="options">Name, lifetime, timeout, mailbox; null for defaults.</param>
    /// <returns>A reference for sending.</returns>
    /// <inheritdoc cref="IActorSpawner.Spawn{TRef}(ActorSpec{TRef})" path="/exception"/>
    public static IActorRef<TMessage> Spawn<TMessage>(this IActorSpawner spawner, Func<ActorContext<TMessage>, TMessage, ValueTask> handler, SpawnOptions? options = null)
    {
        NotNull(spawner);
        ArgumentNullException.ThrowIfNull(handler);
        return spawner switch
        {
            ActorSystem system => system.Root.SpawnHandler(handler, options),   // the common shape makes its node directly: no spec per spawn
            ActorTask task => task.SpawnHandler(handler, options),
            _ => spawner.Spawn(ActorSpec.Handler(handler, options)),
        };
    }

    /// <summary>Spawns a handler actor whose behaviour is an <see cref="IActor{TMessage}"/> object.</summary>
    /// <typeparam name="TMessage">The messages it receives.</typeparam>
    /// <param name="spawner">The system, a task, a context or a group.</param>
    /// <param name="actor">The behaviour; a new instance per spawn.</param>
    /// <param name="options">Name, lifetime, timeout, mailbox; null for defaults.</param>
    /// <returns>A reference for sending.</returns>
    /// <inheritdoc cref="IActorSpawner.Spawn{TRef}(ActorSpec{TRef})" path="/exception"/>
    public static IActorRef<TMessage> Spawn<TMessage>(this IActorSpawner spawner, IActor<TMessage> actor, SpawnOptions? options = null) =>
        NotNull(spawner).Spawn(ActorSpec.Handler(actor, options));

    /// <summary>Runs <paramref name="body"/> once as a task without a mailbox.</summary>
    /// <param name="spawner">The system, a task, a context or a group.</param>
    /// <param name="body">The work; it should observe <see cref="ActorContext.Cancellation"/>.</param>
    /// <param name="options">Name, lifetime, timeout; null for defaults.</param>
    /// <returns>The task; <c>await task.Completion</c> for its outcome.</returns>
    /// <inheritdoc cref="IActorSpawner.Spawn{TRef}(ActorSpec{TRef})" path="/exception"/>
    public static ActorTask Run(this IActorSpawner spawner, Func<ActorContext, Task> body, SpawnOptions? options = null) =>
        NotNull(spawner).Spawn(ActorSpec.Process(body, options));

    /// <summary>Runs <paramref name="body"/> once as a task whose return value is its result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="spawner">The system, a task, a context or a group.</param>
    /// <param name="body">The work; it should observe <see cref="ActorContext.Cancellation"/>.</param>
    /// <param name="options">Name, lifetime, timeout; null for defaults.</param>
    /// <returns>The task; <c>await task.Completion</c> for its result.</returns>
    /// <inheritdoc cref="IActorSpawner.Spawn{TRef}(ActorSpec{TRef})" path="/exception"/>
    public static ActorTask<TResult> Run<TResult>(this IActorSpawner spawner, Func<ActorContext, Task<TResult>> body, SpawnOptions? options = null) =>
        NotNull(spawner).Spawn(ActorSpec.Process(body, options));

    /// <summary>Runs <paramref name="body"/> once as a process that receives messages with <see cref="ActorContext{TMessage}.ReceiveAsync"/>.</summary>
    /// <typeparam name="TMessage">The messages it receives.</typeparam>
    /// <param name="spawner">The system, a task, a context or a group.</param>
    /// <param name="body">The work; it should observe <see cref="ActorContext.Cancellation"/>.</param>
    /// <param name="options">Name, lifetime, timeout, mailbox; null for defaults.</param>
    /// <returns>A reference for sending.</returns>
    /// <inheritdoc cref="IActorSpawner.Spawn{TRef}(ActorSpec{TRef})" path="/exception"/>
    public static IActorRef<TMessage> RunWithMailbox<TMessage>(this IActorSpawner spawner, Func<ActorContext<TMessage>, Task> body, SpawnOptions? options = null) =>
        NotNull(spawner).Spawn(ActorSpec.ProcessWithMailbox(body, options));

    /// <summary>Runs <paramref name="body"/> once as a process with a mailbox and a result.</summary>
    /// <typeparam name="TMessage">The messages it receives.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="spawner">The system, a task, a context or a group.</param>
    /// <param name="body">The work.</param>
    /// <param name="options">Name, lifetime, timeout, mailbox; null for defaults.</param>
    /// <returns>The task; <see cref="ActorTask.Ref{TMessage}"/> gives a reference for sending.</returns>
    /// <inheritdoc cref="IActorSpawner.Spawn{TRef}(ActorSpec{TRef})" path="/exception"/>
    public static ActorTask<TResult> RunWithMailbox<TMessage, TResult>(this IActorSpawner spawner, Func<ActorContext<TMessage>, Task<TResult>> body, SpawnOptions? options = null) =>
        NotNull(spawner).Spawn(ActorSpec.ProcessWithMailbox(body, options));

    private static IActorSpawner NotNull(IActorSpawner spawner)
    {
        ArgumentNullException.ThrowIfNull(spawner);
        return spawner;
    }
}
