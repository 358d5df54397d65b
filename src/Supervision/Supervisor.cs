using Actors.Supervision.Internal;

namespace Actors.Supervision;

/// <summary>
/// A task that starts children from specs, restarts them by a strategy within a restart intensity,
/// and stops them in reverse spec order, each within its shutdown timeout. Over the intensity it stops
/// its children and fails, so its own parent decides (escalation).
/// <para>
/// A child whose spec names its message type has one reference for the life of its slot
/// (<see cref="Ref{TMessage}(ChildSpec{TMessage})"/>): it reaches whichever instance runs, holds messages
/// while the child restarts, and hands the failed instance's queued messages to the next one.
/// </para>
/// </summary>
public sealed partial class Supervisor
{
    private readonly IActorRef<SupervisorEvent> _ref;   // the supervisor's mailbox (a nested one's: its stable slot reference); immutable
    private readonly SupervisorCore? _core;             // a top-level supervisor's state; null for a nested handle, which follows the running instance

    private Supervisor(IActorRef<SupervisorEvent> reference, SupervisorCore? core)
    {
        _ref = reference;
        _core = core;
    }

    /// <summary>
    /// The supervisor's own task (for a nested supervisor: its running instance); stop it to stop the
    /// subtree, <c>await ActorTask.Completion</c> for its outcome.
    /// </summary>
    /// <exception cref="InvalidOperationException">A nested supervisor that has not started yet.</exception>
    public ActorTask ActorTask => _ref.ActorTask;

    /// <summary>The supervisor's mailbox, for a parent's child spec.</summary>
    internal IActorRef<SupervisorEvent> Reference => _ref;

    /// <summary>Starts a supervisor as a child of <paramref name="parent"/>.</summary>
    /// <param name="parent">Where it lives (for example <see cref="ActorSystem.Root"/> or a context's Self).</param>
    /// <param name="name">Its name.</param>
    /// <param name="options">Strategy, intensity, children.</param>
    /// <returns>A handle for administration.</returns>
    /// <exception cref="ArgumentException">The options are invalid (duplicate ids, negative intensity or window), or <paramref name="name"/> is blank.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="parent"/>, <paramref name="name"/> or <paramref name="options"/> is null.</exception>
    public static Supervisor Start(ActorTask parent, string name, SupervisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return StartCore(parent, options, new SpawnOptions { Name = name, Timeout = Timeout.InfiniteTimeSpan });
    }

    /// <summary>Starts a top-level supervisor.</summary>
    /// <inheritdoc cref="Start(ActorTask, string, SupervisorOptions)"/>
    /// <param name="system">The system.</param>
    /// <param name="name">Its name.</param>
    /// <param name="options">Strategy, intensity, children.</param>
    public static Supervisor Start(ActorSystem system, string name, SupervisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Start(system.Root, name, options);
    }

    internal static Supervisor StartCore(ActorTask parent, SupervisorOptions options, SpawnOptions spawn)
    {
        var core = new SupervisorCore(options, parent.System.Options.TimeProvider);
        core.CreateRefs();
        var body = new SpawnOptions(spawn)
        {
            Label = spawn.Label ?? $"supervisor ({options.Strategy})",
            Timeout = Timeout.InfiniteTimeSpan,
            ChildExitHandler = core,
            OnStop = core.OnStopAsync,
            ResumeOn = null,
        };
        var reference = parent.RunWithMailbox<SupervisorEvent>(core.RunAsync, body);
        core.Bind(reference.ActorTask);
        return new Supervisor(reference, core);
    }

    /// <summary>The running instance of child <paramref name="id"/>, or null.</summary>
    /// <param name="id">The child's id.</param>
    /// <returns>The task, or null if none runs.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public ActorTask? Child(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ActorTask.Children.FirstOrDefault(c => c.Name == id && !c.IsFinished);
    }

    /// <summary>Adds and starts a child at run time. A group restart does not bring it back.</summary>
    /// <param name="spec">The child.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Ok, AlreadyRunning, AlreadyPresent (a terminated child has that id) or ShuttingDown.</returns>
    public async Task<ChildOperationResult> StartChildAsync(ChildSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        return await OperateAsync(AdminKind.Start, null, spec, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops a child (within its shutdown timeout) and keeps its spec; it is not restarted.</summary>
    /// <param name="id">The child's id.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Ok, NotFound or ShuttingDown.</returns>
    public async Task<ChildOperationResult> TerminateChildAsync(string id, CancellationToken cancellationToken = default) =>
        await OperateAsync(AdminKind.Terminate, id, null, cancellationToken).ConfigureAwait(false);

    /// <summary>Starts a terminated child again.</summary>
    /// <param name="id">The child's id.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Ok, AlreadyRunning, Restarting, NotFound or ShuttingDown.</returns>
    public async Task<ChildOperationResult> RestartChildAsync(string id, CancellationToken cancellationToken = default) =>
        await OperateAsync(AdminKind.Restart, id, null, cancellationToken).ConfigureAwait(false);

    /// <summary>Removes a terminated child's spec.</summary>
    /// <param name="id">The child's id.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Ok, AlreadyRunning, Restarting, NotFound or ShuttingDown.</returns>
    public async Task<ChildOperationResult> DeleteChildAsync(string id, CancellationToken cancellationToken = default) =>
        await OperateAsync(AdminKind.Delete, id, null, cancellationToken).ConfigureAwait(false);

    /// <summary>Every child with its status, in spec order.</summary>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The children.</returns>
    public async Task<IReadOnlyList<ChildInfo>> WhichChildrenAsync(CancellationToken cancellationToken = default) =>
        (IReadOnlyList<ChildInfo>)await AskAsync(AdminKind.Which, null, null, cancellationToken).ConfigureAwait(false);

    /// <summary>Totals over the children.</summary>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The counts.</returns>
    public async Task<ChildCounts> CountChildrenAsync(CancellationToken cancellationToken = default) =>
        (ChildCounts)await AskAsync(AdminKind.Count, null, null, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Sends <paramref name="notice"/> to <paramref name="watcher"/> once, when child <paramref name="id"/>
    /// ends for good: not restarted, terminated, deleted with its supervisor, or the supervisor stops.
    /// Restarts send nothing. Disposing the returned handle unwatches, even with the notice in flight.
    /// </summary>
    /// <typeparam name="TMessage">The watcher's message type.</typeparam>
    /// <param name="id">The child's id.</param>
    /// <param name="watcher">Who is told.</param>
    /// <param name="notice">What it is told.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The handle (dispose to unwatch), or null if no child has that id.</returns>
    public async Task<IDisposable?> WatchChildAsync<TMessage>(string id, IActorRef<TMessage> watcher, TMessage notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        var watch = new Actors.Internal.Watch<TMessage>(watcher, notice);
        var result = (ChildOperationResult)await AskAsync(AdminKind.Watch, id, null, cancellationToken, watch).ConfigureAwait(false);
        return result == ChildOperationResult.Ok ? watch : null;
    }

    /// <summary>A request answered by a <see cref="ChildOperationResult"/>; a supervisor that has finished answers <see cref="ChildOperationResult.ShuttingDown"/>.</summary>
    private async Task<ChildOperationResult> OperateAsync(AdminKind kind, string? id, ChildSpec? spec, CancellationToken cancellationToken)
    {
        try { return (ChildOperationResult)await AskAsync(kind, id, spec, cancellationToken).ConfigureAwait(false); }
        catch (ActorNotRunningException) { return ChildOperationResult.ShuttingDown; }
    }

    private Task<object> AskAsync(AdminKind kind, string? id, ChildSpec? spec, CancellationToken cancellationToken, Actors.Internal.IWatch? watch = null)
    {
        if (kind is not AdminKind.Start and not AdminKind.Which and not AdminKind.Count) ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return _ref.AskAsync<object>(reply => new AdminRequest(kind, id, spec, reply, watch), cancellationToken: cancellationToken);
    }
}
