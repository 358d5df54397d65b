namespace Actors.Supervision;

/// <summary>
/// How a supervisor starts, restarts and stops one child. <see cref="Start"/> makes a new instance on
/// every start (the "refork"): state never leaks from a failed instance into its replacement.
/// </summary>
public sealed class ChildSpec
{
    /// <summary>Creates a spec.</summary>
    /// <param name="id">Unique among the supervisor's children; also the child's name (path <c>/supervisor/id</c>).</param>
    /// <param name="start">Spawns a new instance under the given parent with the given options (name, hooks) and returns it.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a valid task name.</exception>
    public ChildSpec(string id, Func<ActorTask, SpawnOptions, ActorTask> start)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id.Contains('/') || id[0] == '$')
            throw new ArgumentException($"Child id '{id}' must be a valid task name: no '/', not starting with '$'.", nameof(id));
        ArgumentNullException.ThrowIfNull(start);
        Id = id;
        Start = start;
    }

    /// <summary>The child's id and name.</summary>
    public string Id { get; }

    /// <summary>Spawns a new instance.</summary>
    public Func<ActorTask, SpawnOptions, ActorTask> Start { get; }

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
    internal bool IsSupervisor { get; private init; }

    /// <summary>Spawn options for each instance (its name is always <see cref="Id"/>).</summary>
    /// <value>Infinite timeout: supervised children are long-lived.</value>
    public SpawnOptions Options { get; init; } = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>A handler actor made fresh by <paramref name="factory"/> on every start.</summary>
    /// <typeparam name="TMessage">Its messages.</typeparam>
    /// <param name="id">The child's id.</param>
    /// <param name="factory">Makes a new behaviour per start.</param>
    /// <returns>The spec.</returns>
    public static ChildSpec Actor<TMessage>(string id, Func<IActor<TMessage>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new ChildSpec(id, (parent, options) =>
            parent.Spawn(factory() ?? throw new InvalidOperationException($"The factory of child '{id}' returned null; it must return a new actor."), options).Task);
    }

    /// <summary>A handler actor whose handler (with any state it closes over) is made fresh by <paramref name="factory"/> on every start.</summary>
    /// <typeparam name="TMessage">Its messages.</typeparam>
    /// <param name="id">The child's id.</param>
    /// <param name="factory">Makes a new handler per start.</param>
    /// <returns>The spec.</returns>
    public static ChildSpec Handler<TMessage>(string id, Func<Func<ActorContext<TMessage>, TMessage, ValueTask>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new ChildSpec(id, (parent, options) =>
            parent.Spawn(factory() ?? throw new InvalidOperationException($"The factory of child '{id}' returned null; it must return a handler."), options).Task);
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
    /// <returns>The spec.</returns>
    public static ChildSpec Process<TMessage>(string id, Func<ActorContext<TMessage>, Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new ChildSpec(id, (parent, options) => parent.RunWithMailbox(body, options).Task);
    }

    /// <summary>A nested supervisor; its shutdown timeout is infinite, as its own children have theirs.</summary>
    /// <param name="id">The child's id.</param>
    /// <param name="options">The nested supervisor's options.</param>
    /// <returns>The spec.</returns>
    public static ChildSpec Supervisor(string id, SupervisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new ChildSpec(id, (parent, spawn) => Supervision.Supervisor.StartCore(parent, options, spawn).Task)
        {
            Shutdown = Timeout.InfiniteTimeSpan,
            IsSupervisor = true,
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
