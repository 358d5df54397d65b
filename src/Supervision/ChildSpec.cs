using Actors.Supervision.Internal;

namespace Actors.Supervision;

/// <summary>
/// How a supervisor starts, restarts and stops one child. <see cref="Start"/> makes a new instance on
/// every start (the "refork"): state never leaks from a failed instance into its replacement.
/// A spec that knows its child's message type (<see cref="ChildSpec{TMessage}"/>, made by
/// <see cref="Actor{TMessage}(string, Func{IActor{TMessage}})"/>, <see cref="Handler{TMessage}(string, Func{Func{ActorContext{TMessage}, TMessage, ValueTask}})"/>
/// or <see cref="Process{TMessage}(string, Func{ActorContext{TMessage}, Task})"/>) gives a reference
/// that survives restarts (<see cref="Supervisor.Ref{TMessage}(ChildSpec{TMessage})"/>).
/// </summary>
public class ChildSpec
{
    /// <summary>Creates a spec.</summary>
    /// <param name="id">Unique among the supervisor's children; also the child's name (path <c>/supervisor/id</c>).</param>
    /// <param name="start">
    /// Spawns a new instance under the given parent with the given options (name, hooks: pass them on)
    /// and returns it; or returns null to answer "ignore" (OTP): nothing runs, the spec is kept, the
    /// child is not restarted, and <see cref="Supervisor.RestartChildAsync"/> may try again.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a valid task name.</exception>
    public ChildSpec(string id, Func<ActorTask, SpawnOptions, ActorTask?> start)
        : this(id, (start ?? throw new ArgumentNullException(nameof(start))), (parent, options, _) => start(parent, options)) { }

    /// <summary>Copies <paramref name="other"/>; change the copy with an object initializer. The copy names no message type: copy a <see cref="ChildSpec{TMessage}"/> with its own copy constructor to keep its stable reference.</summary>
    /// <param name="other">The spec to copy.</param>
    public ChildSpec(ChildSpec other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Id = other.Id;
        Start = other.Start;
        StartWithInfo = other.StartWithInfo;
        Restart = other.Restart;
        Shutdown = other.Shutdown;
        Significant = other.Significant;
        Backoff = other.Backoff;
        IsSupervisor = other.IsSupervisor;
        Options = other.Options;
        QueuedOnRestart = other.QueuedOnRestart;
    }

    private protected ChildSpec(string id, Func<ActorTask, SpawnOptions, ActorTask?> start, Func<ActorTask, SpawnOptions, ChildStartInfo, ActorTask?> startWithInfo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id.Contains('/') || id[0] == '$')
            throw new ArgumentException($"Child id '{id}' must be a valid task name: no '/', not starting with '$'.", nameof(id));
        Id = id;
        Start = start;
        StartWithInfo = startWithInfo;
    }

    /// <summary>The child's id and name.</summary>
    public string Id { get; }

    /// <summary>Spawns a new instance (null answers "ignore").</summary>
    public Func<ActorTask, SpawnOptions, ActorTask?> Start { get; }

    /// <summary>What the supervisor calls: the start function, told why it starts.</summary>
    internal Func<ActorTask, SpawnOptions, ChildStartInfo, ActorTask?> StartWithInfo { get; }

    /// <summary>Whether messages queued for a failed or stopped instance wait for the next one (see <see cref="QueuedMessages"/>).</summary>
    /// <value><see cref="QueuedMessages.Keep"/>.</value>
    public QueuedMessages QueuedOnRestart { get; init; }

    /// <summary>When the child is restarted.</summary>
    /// <value><see cref="RestartPolicy.Always"/>.</value>
    public RestartPolicy Restart { get; init; }

    /// <summary>How long a stop waits for the child before abandoning it; <see cref="Timeout.InfiniteTimeSpan"/> for nested supervisors.</summary>
    /// <value>5 seconds.</value>
    public TimeSpan Shutdown { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether the child ending on its own may end the supervisor (see <see cref="SupervisorOptions.AutoShutdown"/>).</summary>
    /// <value>false.</value>
    public bool Significant { get; init; }

    /// <summary>Delays between restarts of this child; null takes <see cref="SupervisorOptions.Backoff"/>.</summary>
    /// <value>null.</value>
    public RestartBackoff? Backoff { get; init; }

    /// <summary>Made by <see cref="Supervisor(string, SupervisorOptions)"/>: counted as a supervisor, not a worker.</summary>
    internal bool IsSupervisor { get; init; }

    /// <summary>The reference that outlives the slot's instances, or null when the spec names no message type.</summary>
    internal virtual ISlotRef? CreateSlotRef(SupervisorCore owner) => null;

    /// <summary>Spawn options for each instance (its name is always <see cref="Id"/>).</summary>
    /// <value>Infinite timeout: supervised children are long-lived.</value>
    public SpawnOptions Options { get; init; } = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>A handler actor made fresh by <paramref name="factory"/> on every start.</summary>
    /// <typeparam name="TMessage">Its messages.</typeparam>
    /// <param name="id">The child's id.</param>
    /// <param name="factory">Makes a new behaviour per start.</param>
    /// <returns>The spec; <see cref="Supervisor.Ref{TMessage}(ChildSpec{TMessage})"/> gives its stable reference.</returns>
    public static ChildSpec<TMessage> Actor<TMessage>(string id, Func<IActor<TMessage>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Actor<TMessage>(id, _ => factory());
    }

    /// <summary>A handler actor made fresh by <paramref name="factory"/> on every start, told why it starts (the failure and message that ended the instance before it).</summary>
    /// <typeparam name="TMessage">Its messages.</typeparam>
    /// <param name="id">The child's id.</param>
    /// <param name="factory">Makes a new behaviour per start.</param>
    /// <returns>The spec; <see cref="Supervisor.Ref{TMessage}(ChildSpec{TMessage})"/> gives its stable reference.</returns>
    public static ChildSpec<TMessage> Actor<TMessage>(string id, Func<ChildStartInfo, IActor<TMessage>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new ChildSpec<TMessage>(id, (parent, options, info) =>
            parent.Spawn(factory(info) ?? throw new InvalidOperationException($"The factory of child '{id}' returned null; it must return a new actor."), options));
    }

    /// <summary>A handler actor whose handler (with any state it closes over) is made fresh by <paramref name="factory"/> on every start.</summary>
    /// <typeparam name="TMessage">Its messages.</typeparam>
    /// <param name="id">The child's id.</param>
    /// <param name="factory">Makes a new handler per start.</param>
    /// <returns>The spec; <see cref="Supervisor.Ref{TMessage}(ChildSpec{TMessage})"/> gives its stable reference.</returns>
    public static ChildSpec<TMessage> Handler<TMessage>(string id, Func<Func<ActorContext<TMessage>, TMessage, ValueTask>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Handler<TMessage>(id, _ => factory());
    }

    /// <summary>A handler actor whose handler is made fresh by <paramref name="factory"/> on every start, told why it starts.</summary>
    /// <typeparam name="TMessage">Its messages.</typeparam>
    /// <param name="id">The child's id.</param>
    /// <param name="factory">Makes a new handler per start.</param>
    /// <returns>The spec; <see cref="Supervisor.Ref{TMessage}(ChildSpec{TMessage})"/> gives its stable reference.</returns>
    public static ChildSpec<TMessage> Handler<TMessage>(string id, Func<ChildStartInfo, Func<ActorContext<TMessage>, TMessage, ValueTask>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new ChildSpec<TMessage>(id, (parent, options, info) =>
            parent.Spawn(factory(info) ?? throw new InvalidOperationException($"The factory of child '{id}' returned null; it must return a handler."), options));
    }

    /// <summary>A process that runs <paramref name="body"/> afresh on every start.</summary>
    /// <param name="id">The child's id.</param>
    /// <param name="body">The work.</param>
    /// <returns>The spec.</returns>
    public static ChildSpec Process(string id, Func<ActorContext, Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new ChildSpec(id, (parent, options) => parent.Run(body, options));
    }

    /// <summary>A process with a mailbox that runs <paramref name="body"/> afresh on every start.</summary>
    /// <typeparam name="TMessage">Its messages.</typeparam>
    /// <param name="id">The child's id.</param>
    /// <param name="body">The work.</param>
    /// <returns>The spec; <see cref="Supervisor.Ref{TMessage}(ChildSpec{TMessage})"/> gives its stable reference.</returns>
    public static ChildSpec<TMessage> Process<TMessage>(string id, Func<ActorContext<TMessage>, Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new ChildSpec<TMessage>(id, (parent, options) => parent.RunWithMailbox(body, options));
    }

    /// <summary>
    /// A nested supervisor; its shutdown timeout is infinite, as its own children have theirs.
    /// <see cref="Supervision.Supervisor.ChildSupervisor"/> gives a handle to administer its children.
    /// </summary>
    /// <param name="id">The child's id.</param>
    /// <param name="options">The nested supervisor's options.</param>
    /// <returns>The spec.</returns>
    public static ChildSpec Supervisor(string id, SupervisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new ChildSpec<SupervisorEvent>(id, (parent, spawn) => Supervision.Supervisor.StartCore(parent, options, spawn).Reference)
        {
            Shutdown = Timeout.InfiniteTimeSpan,
            IsSupervisor = true,
            Portable = static e => e is AdminRequest,   // requests wait for the next instance; events of the old one do not
        };
    }

    internal void Validate()
    {
        if (Shutdown != Timeout.InfiniteTimeSpan && Shutdown < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(Shutdown), Shutdown, $"Child '{Id}': Shutdown must be zero or more, or Timeout.InfiniteTimeSpan.");
        if (!Enum.IsDefined(Restart)) throw new ArgumentOutOfRangeException(nameof(Restart), Restart, $"Child '{Id}': use a RestartPolicy value.");
        ArgumentNullException.ThrowIfNull(Options, nameof(Options));
        Backoff?.Validate($"Child '{Id}'");
    }
}
