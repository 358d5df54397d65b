using Actors.Internal;

namespace Actors;

/// <summary>
/// What a task's body or handler sees of itself: its cancellation, stop controls, deadlines and
/// the means to spawn children under it. One context per task, valid for the task's whole life.
/// </summary>
public class ActorContext : IActorSpawner
{
    [ThreadStatic] private static ActorTask? t_turn;                       // the handler actor in its turn on this thread
    private static readonly AsyncLocal<ActorTask?> s_body = new();        // the process whose body flows here

    private static readonly object s_oneTurn = new();   // _turnFlow after the first pooled turn

    private object? _turnFlow;   // null, s_oneTurn, or the ExecutionContext a pooled turn restores (see EnterPooledTurn); turns only

    private protected ActorContext(ActorTask self) => Self = self;

    /// <summary>The task itself.</summary>
    public ActorTask Self { get; }

    /// <summary>The system.</summary>
    public ActorSystem System => Self.System;

    /// <summary>Cancelled when the task is stopped or runs past its deadline. Pass it to every await.</summary>
    public CancellationToken Cancellation => Self.CancellationCore;

    /// <summary>True once a stop has been applied to this task.</summary>
    public bool IsStopping => Self.IsStopping;

    /// <summary>Why this task is being stopped, once it is.</summary>
    public StopCause? StopCause => Self.StopCause;

    /// <summary>Stops this task (and its non-transient children). The body sees cancellation at its next await.</summary>
    /// <param name="cause">Why; null for <see cref="Actors.StopCause.Requested"/>.</param>
    public void Stop(StopCause? cause = null) => Self.Stop(cause);

    /// <summary>
    /// Opens a section during which a stop is remembered and applied when the section ends
    /// (<c>using (ctx.DeferStop()) { ... }</c>), so an in-flight response can finish during shutdown.
    /// A second stop inside the section applies at once; nested sections act as one; a section opened
    /// after a stop was applied has no effect.
    /// </summary>
    /// <returns>The scope to dispose.</returns>
    public DeferStopScope DeferStop() => Self.EnterDeferStop();

    /// <summary>
    /// Bounds a section with a deadline. The section gets a <see cref="TimeoutScope"/> whose token is
    /// cancelled at the deadline (or when the task stops) and which can extend or reset the deadline.
    /// </summary>
    /// <typeparam name="T">The section's result.</typeparam>
    /// <param name="duration">The time allowed; positive, or <see cref="Timeout.InfiniteTimeSpan"/> for none (any length: a section re-arms its timer as needed).</param>
    /// <param name="section">The work; it must pass <see cref="TimeoutScope.Token"/> to its awaits.</param>
    /// <param name="onTimeout">
    /// Makes the exception to throw at the deadline from the kernel's <see cref="ActorTimeoutException"/>
    /// (pass it on as the inner exception), so a caller raises its own type
    /// (<c>t =&gt; new GatewayTimeoutException("upstream", t)</c>). Null throws the <see cref="ActorTimeoutException"/>.
    /// </param>
    /// <returns>The section's result.</returns>
    /// <exception cref="ActorTimeoutException">The deadline passed and <paramref name="onTimeout"/> is null; the body may catch it and go on.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive (nor infinite).</exception>
    public async Task<T> WithTimeoutAsync<T>(TimeSpan duration, Func<TimeoutScope, Task<T>> section, Func<ActorTimeoutException, Exception>? onTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        using var scope = new TimeoutScope(System.TimeProvider, duration, Cancellation);
        try
        {
            return await section(scope).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (scope.TimedOut && !IsStopping)
        {
            var timeout = new ActorTimeoutException($"A section of {Self.Path} ran past its {scope.Duration} deadline.", ex);
            throw onTimeout?.Invoke(timeout) ?? timeout;
        }
    }

    /// <summary>Bounds a section with a deadline (see <see cref="WithTimeoutAsync{T}(TimeSpan, Func{TimeoutScope, Task{T}}, Func{ActorTimeoutException, Exception}?)"/>).</summary>
    /// <param name="duration">The time allowed; positive, or <see cref="Timeout.InfiniteTimeSpan"/> for none (any length: a section re-arms its timer as needed).</param>
    /// <param name="section">The work.</param>
    /// <param name="onTimeout">Makes the caller's own exception at the deadline; null throws <see cref="ActorTimeoutException"/>.</param>
    /// <returns>Completes when the section does.</returns>
    /// <exception cref="ActorTimeoutException">The deadline passed and <paramref name="onTimeout"/> is null.</exception>
    public Task WithTimeoutAsync(TimeSpan duration, Func<TimeoutScope, Task> section, Func<ActorTimeoutException, Exception>? onTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        return WithTimeoutAsync<bool>(duration, async scope => { await section(scope).ConfigureAwait(false); return true; }, onTimeout);
    }

    /// <summary>
    /// Waits until every non-transient child of this task has finished (transient ones are skipped). A child
    /// counts as finished once its own body has ended, even if its children still run: use
    /// <see cref="WaitForSubtreeAsync"/> to wait for those too.
    /// </summary>
    /// <param name="cancellationToken">Stops the waiting; null uses nothing extra.</param>
    /// <returns>Completes when no non-transient child is running.</returns>
    public Task WaitForChildrenAsync(CancellationToken cancellationToken = default) => Self.WhenChildrenFinishedAsync(cancellationToken);

    /// <summary>Waits until every non-transient descendant of this task has finished, grandchildren included (see <see cref="ActorTask.WhenSubtreeFinishedAsync"/>).</summary>
    /// <param name="cancellationToken">Stops the waiting.</param>
    /// <returns>Completes when the whole non-transient subtree below this task has finished.</returns>
    public Task WaitForSubtreeAsync(CancellationToken cancellationToken = default) => Self.WhenSubtreeFinishedAsync(cancellationToken);

    /// <summary>Spawns a child of this task (the shapes are in <see cref="ActorSpawnerExtensions"/>).</summary>
    /// <inheritdoc cref="IActorSpawner.Spawn{TRef}(ActorSpec{TRef})"/>
    public TRef Spawn<TRef>(ActorSpec<TRef> spec) where TRef : class => Self.Spawn(spec);

    /// <summary>The task whose code runs here: a handler in its turn, or a process body's flow.</summary>
    internal static ActorTask? CurrentTask => t_turn ?? s_body.Value;

    /// <summary>True while a handler turn runs on this thread (work it schedules goes to this thread's queue).</summary>
    internal static bool InTurn => t_turn is not null;

    /// <summary>
    /// Marks a handler turn: the thread, and the async flow (so a handler that awaits still knows
    /// which task it belongs to after the await). The flow value is set once per turn, not per message.
    /// </summary>
    internal static ActorTask? EnterTurn(ActorTask task)
    {
        var previous = t_turn;
        t_turn = task;
        if (!ReferenceEquals(s_body.Value, task)) s_body.Value = task;
        return previous;
    }

    /// <summary>
    /// Marks a turn that starts a thread-pool work item, where the flow is still the pool's empty one.
    /// Setting the flow value allocates a new context (about 70 bytes) each time, so per message when one
    /// message is in flight. An actor's second pooled turn therefore keeps the context it made, and later
    /// turns restore it instead. Not the first turn: an actor that handles one message and goes idle (most
    /// of a large population) keeps no context alive.
    /// </summary>
    internal static ActorTask? EnterPooledTurn(ActorContext context)
    {
        var previous = t_turn;
        var task = context.Self;
        t_turn = task;
        var flow = context._turnFlow;
        if (flow is ExecutionContext kept) ExecutionContext.Restore(kept);
        else if (!ReferenceEquals(s_body.Value, task))
        {
            s_body.Value = task;
            // The pool's flow was empty, so the captured context holds this value only.
            context._turnFlow = flow is null ? s_oneTurn : ExecutionContext.Capture();
        }
        return previous;
    }

    /// <summary>
    /// Ends a turn on this thread. The flow value is left as it is: the thread pool resets the execution
    /// context after each work item, and an async continuation restores its own when it returns.
    /// </summary>
    internal static void ExitTurn(ActorTask? previous) => t_turn = previous;

    /// <summary>Marks the current async flow as the task's body; call inside the async method that runs it.</summary>
    internal static void EnterBody(ActorTask task) => s_body.Value = task;
}
