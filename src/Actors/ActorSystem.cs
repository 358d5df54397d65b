using Actors.Internal;
using Microsoft.Extensions.Logging;

namespace Actors;

/// <summary>
/// Owns one tree of tasks. Top-level tasks are spawned on the system (children of its root); the
/// system is done when every non-transient task is done (<see cref="Completion"/>), and
/// <see cref="StopAsync(CancellationToken)"/> stops everything with a grace period, then abandons
/// bodies that ignore the stop.
/// <para>
/// Concurrency: one lock (<see cref="TreeLock"/>) guards the tree's shape and every task's lifecycle
/// bookkeeping. Message traffic never takes it. No user code or continuation runs under it.
/// </para>
/// </summary>
public sealed partial class ActorSystem : IActorSpawner, IAsyncDisposable
{
    private readonly RootTask _root;                 // immutable
    private long _nextId;                            // last task id handed out (Interlocked)
    private TaskCompletionSource? _idle;             // completes when no non-transient task is left; guarded by TreeLock
    private Task? _stopping;                         // the first StopAsync's work; guarded by TreeLock
    private CancellationTokenSource? _force;         // cancelled by a second StopAsync or the first one's token; set with _stopping

    /// <summary>Creates a system.</summary>
    /// <param name="options">Settings; null for defaults. Validated here.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message says which and why).</exception>
    public ActorSystem(ActorSystemOptions? options = null)
    {
        Options = options ?? new ActorSystemOptions();
        Options.Validate();
        TimeProvider = Options.TimeProvider;
        TaskLogger = CreateLogger(TaskLog.Category);
        MessagingLogger = CreateLogger(MessagingLog.Category);
        DeadLetters = new DeadLetters(this);
        Diagnostics = new ActorDiagnostics(this);
        _root = new RootTask(this);
    }

    /// <summary>The settings the system was created with.</summary>
    public ActorSystemOptions Options { get; }

    /// <summary>The root; top-level tasks are its children. Its path is <c>/</c>.</summary>
    public ActorTask Root => _root;

    /// <summary>Messages that were never handled.</summary>
    public DeadLetters DeadLetters { get; }

    /// <summary>
    /// Completes when no non-transient task is running (at once if none is). Transient tasks left at the
    /// top are stopped when the last non-transient one finishes, and this waits for their cleanup.
    /// </summary>
    public Task Completion
    {
        get
        {
            Task idle;
            bool onlyTransient;
            lock (TreeLock)
            {
                if (_root.NormalChildrenLocked == 0 && !_root.HasChildrenLocked) return Task.CompletedTask;
                idle = (_idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                onlyTransient = _root.NormalChildrenLocked == 0;
            }
            if (onlyTransient) OnRootIdle();   // nothing keeps the system alive: the transient tasks stop now
            return idle;
        }
    }

    internal Lock TreeLock { get; } = new();

    internal TimeProvider TimeProvider { get; }

    internal ActorDiagnostics Diagnostics { get; }

    /// <summary>Category <c>Actors.Tasks</c>.</summary>
    internal ILogger TaskLogger { get; }

    /// <summary>Category <c>Actors.Messaging</c>.</summary>
    internal ILogger MessagingLogger { get; }

    /// <summary>A logger of <see cref="ActorSystemOptions.LoggerFactory"/> whose failures are swallowed (a broken sink is never fatal).</summary>
    internal ILogger CreateLogger(string category) => new SafeLogger(Options.LoggerFactory.CreateLogger(category));

    /// <summary>Spawns a top-level task, a child of <see cref="Root"/> (the shapes are in <see cref="ActorSpawnerExtensions"/>).</summary>
    /// <inheritdoc cref="IActorSpawner.Spawn{TRef}(ActorSpec{TRef})"/>
    public TRef Spawn<TRef>(ActorSpec<TRef> spec) where TRef : class => _root.Spawn(spec);

    /// <summary>Finds a task by path (<c>/server/connections/42</c>; anonymous segments are <c>$id</c>).</summary>
    /// <param name="path">An absolute path.</param>
    /// <returns>The task, or null if no live task has that path.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank or does not start with '/'.</exception>
    public ActorTask? Find(string path)
    {
        var segments = ActorPath.Split(path);
        lock (TreeLock) return _root.FindLocked(segments);
    }

    /// <summary>Stops the task at <paramref name="path"/> (see <see cref="ActorTask.StopAsync"/>).</summary>
    /// <param name="path">An absolute path.</param>
    /// <param name="cause">Why; null for a plain request.</param>
    /// <param name="cancellationToken">Stops the waiting, not the stop.</param>
    /// <returns>False if no task has that path; true once the task is final.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank, does not start with '/', or names the root.</exception>
    public async Task<bool> StopTaskAsync(string path, StopCause? cause = null, CancellationToken cancellationToken = default)
    {
        var task = Find(path);
        if (task is null) return false;
        if (task is RootTask) throw new ArgumentException("Stop the whole system with StopAsync, not by the root's path.", nameof(path));
        await task.StopAsync(cause ?? new StopCause("stopped by path", path), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Stops every task within <see cref="ActorSystemOptions.StopGracePeriod"/> (see <see cref="StopAsync(TimeSpan, CancellationToken)"/>).</summary>
    /// <param name="cancellationToken">Cancelling it abandons what is still running at once.</param>
    /// <returns>Completes when every task is final or abandoned.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default) => StopAsync(Options.StopGracePeriod, cancellationToken);

    /// <summary>
    /// Stops every task: top-level tasks in reverse start order (transient ones included), each subtree
    /// children first. Bodies still running after <paramref name="gracePeriod"/> (or when
    /// <paramref name="cancellationToken"/> fires, or on a second call) are abandoned: marked Stopped and
    /// reported, no longer waited on. Afterwards the system accepts no new top-level tasks.
    /// </summary>
    /// <param name="gracePeriod">How long to wait for cleanup; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <param name="cancellationToken">Forces the stop (abandons what is left) when cancelled.</param>
    /// <returns>Completes when every task is final or abandoned.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gracePeriod"/> is negative (other than infinite) or longer than a timer can wait (about 49.7 days); nothing was stopped.</exception>
    public Task StopAsync(TimeSpan gracePeriod, CancellationToken cancellationToken = default)
    {
        if (gracePeriod != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(gracePeriod, TimeSpan.Zero);
            TimerLimit.ThrowIfAboveMax(gracePeriod, nameof(gracePeriod));   // checked before the stop begins, so a valid call can follow
        }
        CancellationTokenSource? force;
        lock (TreeLock)
        {
            if (_stopping is null)
            {
                _force = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                _stopping = StopAllAsync(gracePeriod, _force);
                return _stopping;
            }
            force = _force;
        }
        _root.AbandonSubtree(new StopCause("forced by a second stop", "/"));   // a second stop is forceful
        try { force?.Cancel(); }   // the first stop stops waiting too
        catch (ObjectDisposedException) { }
        return _stopping;
    }

    /// <summary>Stops the system with the default grace period.</summary>
    /// <returns>Completes when every task is final or abandoned.</returns>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>
    /// Runs the cascade within the grace. Past it (or when forced), what is left is abandoned and no longer
    /// waited for, not even a stop hook that never completes: the call returns near the grace.
    /// </summary>
    private async Task StopAllAsync(TimeSpan gracePeriod, CancellationTokenSource force)
    {
        await Task.Yield();   // return the stopping task to the caller before the cascade starts
        var cascade = StopEverythingAsync(new StopCause("system stopping", "/"));
        try
        {
            await cascade.WaitAsync(gracePeriod, TimeProvider, force.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            _root.AbandonSubtree(new StopCause("grace period ran out", "/"));
            _ = cascade.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        finally
        {
            force.Dispose();
        }
        CompleteIdle();
        Diagnostics.Detach();
    }

    /// <summary>Stops the top-level tasks until none is left: transient tasks that move up to the root during the stop are stopped too.</summary>
    private async Task StopEverythingAsync(StopCause cause)
    {
        while (true)
        {
            lock (TreeLock)
            {
                if (!_root.HasChildrenLocked) return;
            }
            await _root.StopChildrenAsync(cause, includeTransient: true).ConfigureAwait(false);
        }
    }

    internal long NextId() => Interlocked.Increment(ref _nextId);

    internal void ThrowIfStoppedLocked()
    {
        if (_stopping is not null)
            throw new InvalidOperationException("The actor system is stopping or stopped and accepts no new tasks; create a new ActorSystem.");
    }

    /// <summary>The root has no non-transient child left: stop the transient ones, or signal completion if none remain.</summary>
    internal void OnRootIdle()
    {
        List<ActorTask>? transients = null;
        lock (TreeLock)
        {
            if (_root.NormalChildrenLocked != 0) return;
            if (_root.HasChildrenLocked) transients = _root.ChildrenLocked(includeTransient: true).FindAll(t => !t.StopAskedLocked);   // asked once: a second stop would cut a deferred one short
        }
        if (transients is null)
        {
            CompleteIdle();
            return;
        }
        var cause = new StopCause("only transient tasks remain", "/");
        foreach (var task in transients) _ = task.StopCoreAsync(cause);
    }

    private void CompleteIdle()
    {
        TaskCompletionSource? idle;
        lock (TreeLock)
        {
            if (_root.NormalChildrenLocked != 0 || _root.HasChildrenLocked) return;
            idle = _idle;
            _idle = null;
        }
        idle?.TrySetResult();
    }
}
