using Actors.Testing.Internal;

namespace Actors.Testing;

/// <summary>
/// Bounded waits for tests: on a task, a condition, an actor's state or the tree's shape. Each fails with
/// an <see cref="ActorAssertionException"/> that says what it waited for and what it saw instead. Bounds
/// run on the real clock, so they hold under a fake <see cref="TimeProvider"/>.
/// </summary>
public static class TestWaits
{
    /// <summary>Awaits <paramref name="task"/>, failing if it does not finish within the bound.</summary>
    /// <param name="task">The task; its own exception, if it fails, is rethrown as is.</param>
    /// <param name="description">What the test waits for, for the failure message.</param>
    /// <param name="timeout">Bound of the wait; null takes <see cref="TestKitDefaults.Timeout"/>.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Completes as the task does.</returns>
    /// <exception cref="ActorAssertionException">The task did not finish within the bound.</exception>
    public static async Task WithinAsync(this Task task, string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        using var deadline = NewDeadline(timeout, cancellationToken);
        if (!await deadline.WaitAsync(WhenDone(task)).ConfigureAwait(false))
            throw new ActorAssertionException($"Timed out after {Describe.Time(deadline.Bound)} waiting for {description ?? "the task"}; it is {task.Status}.");
        await task.ConfigureAwait(false);
    }

    /// <summary>Awaits <paramref name="task"/>, failing if it does not finish within the bound.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The task; its own exception, if it fails, is rethrown as is.</param>
    /// <param name="description">What the test waits for, for the failure message.</param>
    /// <param name="timeout">Bound of the wait; null takes <see cref="TestKitDefaults.Timeout"/>.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The task's result.</returns>
    /// <exception cref="ActorAssertionException">The task did not finish within the bound.</exception>
    public static async Task<T> WithinAsync<T>(this Task<T> task, string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        await ((Task)task).WithinAsync(description, timeout, cancellationToken).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds. For progress made by other threads (not by time); prefer a signal when there is one.</summary>
    /// <param name="condition">Checked at once, then every few milliseconds.</param>
    /// <param name="description">What the test waits for, for the failure message.</param>
    /// <param name="timeout">Bound of the wait; null takes <see cref="TestKitDefaults.Timeout"/>.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Completes when the condition holds.</returns>
    /// <exception cref="ActorAssertionException">The condition did not hold within the bound.</exception>
    public static async Task UntilAsync(Func<bool> condition, string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = NewDeadline(timeout, cancellationToken);
        for (var attempt = 0; !condition(); attempt++)
            if (!await deadline.PauseAsync(attempt).ConfigureAwait(false) && !condition())
                throw new ActorAssertionException($"Timed out after {Describe.Time(deadline.Bound)} waiting until {description ?? "the condition holds"}.");
    }

    /// <summary>
    /// Retries <paramref name="assertion"/> until it stops throwing (Akka's <c>AwaitAssert</c>): for state
    /// that other threads bring about, checked with the test framework's own asserts.
    /// </summary>
    /// <param name="assertion">Throws while the state is not there yet; run at once, then every few milliseconds.</param>
    /// <param name="description">What the test waits for, for the failure message.</param>
    /// <param name="timeout">Bound of the wait; null takes <see cref="TestKitDefaults.Timeout"/>.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Completes once the assertion passes.</returns>
    /// <exception cref="ActorAssertionException">It still failed at the bound; the last failure is the inner exception and is quoted.</exception>
    public static async Task EventuallyAsync(Action assertion, string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        using var deadline = NewDeadline(timeout, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            Exception last;
            try { assertion(); return; }
            catch (Exception ex) when (ex is not OperationCanceledException) { last = ex; }
            if (!await deadline.PauseAsync(attempt).ConfigureAwait(false))
                throw new ActorAssertionException($"Timed out after {Describe.Time(deadline.Bound)} waiting for {description ?? "the assertion to pass"}; it last failed with: {last.Message}", last);
        }
    }

    /// <summary>
    /// Waits until <paramref name="task"/> is in <paramref name="state"/>. Final states are awaited without
    /// observing the outcome (an unobserved failure is still logged). A passing state (Initialized,
    /// Running) is polled and can be missed if the task moves on quickly; then the wait fails.
    /// </summary>
    /// <param name="task">The actor task.</param>
    /// <param name="state">The state expected.</param>
    /// <param name="timeout">Bound of the wait; null takes <see cref="TestKitDefaults.Timeout"/>.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Completes when the task is in the state.</returns>
    /// <exception cref="ActorAssertionException">The task did not reach the state within the bound, or finished in another (the message says which, and why).</exception>
    public static async Task WaitForStateAsync(this ActorTask task, ActorTaskState state, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        using var deadline = NewDeadline(timeout, cancellationToken);
        var final = state is ActorTaskState.Completed or ActorTaskState.Failed or ActorTaskState.Stopped;
        for (var attempt = 0; task.State != state; attempt++)
        {
            if (task.IsFinished)
                throw new ActorAssertionException($"{task.Path} ended {StateOf(task)} while the test waited for it to be {state}.");
            var more = final ? await deadline.WaitAsync(task.WhenFinishedAsync()).ConfigureAwait(false) : await deadline.PauseAsync(attempt).ConfigureAwait(false);
            if (!more && task.State != state)
                throw new ActorAssertionException($"Timed out after {Describe.Time(deadline.Bound)} waiting for {task.Path} to be {state}; it is {StateOf(task)}.");
        }
    }

    /// <summary>Waits until the system's tree has the shape <paramref name="shape"/> describes (checked on consistent snapshots).</summary>
    /// <param name="system">The system.</param>
    /// <param name="shape">True when the snapshot shows what the test waits for.</param>
    /// <param name="description">What the test waits for, for the failure message.</param>
    /// <param name="timeout">Bound of the wait; null takes <see cref="TestKitDefaults.Timeout"/>.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The first snapshot that has the shape.</returns>
    /// <exception cref="ActorAssertionException">The tree did not take the shape within the bound; the message draws the last snapshot.</exception>
    public static async Task<ActorTreeSnapshot> WaitForTreeAsync(this ActorSystem system, Func<ActorTreeSnapshot, bool> shape, string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(shape);
        using var deadline = NewDeadline(timeout, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var snapshot = system.Snapshot();
            if (shape(snapshot)) return snapshot;
            if (!await deadline.PauseAsync(attempt).ConfigureAwait(false))
            {
                snapshot = system.Snapshot();
                if (shape(snapshot)) return snapshot;
                throw new ActorAssertionException($"Timed out after {Describe.Time(deadline.Bound)} waiting for the tree to show {description ?? "the expected shape"}. Last snapshot:{Describe.Tree(snapshot)}");
            }
        }
    }

    private static Deadline NewDeadline(TimeSpan? timeout, CancellationToken cancellationToken) =>
        new(TestKitDefaults.Positive(timeout ?? TestKitDefaults.Timeout, nameof(timeout)), cancellationToken);

    private static Task WhenDone(Task task) => task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static string StateOf(ActorTask task) =>
        $"{task.State}{(task.IsStopping && !task.IsFinished ? " (stopping)" : "")}{(task.Failure is { } f ? $" (failure: {f.GetType().Name}: {f.Message})" : "")}";
}
