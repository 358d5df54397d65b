using Actors.Internal;

namespace Actors;

/// <summary>
/// A set of tasks handled together (Ruby Async's Barrier): wait for all of them, stop them all, or take
/// them as they finish. Tasks in a group count as observed, so their failures surface here instead of
/// being logged. Transient tasks in a group are never waited for.
/// </summary>
public sealed class TaskGroup
{
    private readonly ActorTask _parent;                 // where Run spawns; immutable
    private readonly CompletionOrder _order = new();    // members and their finish order

    /// <summary>Creates a group whose <see cref="Run"/> spawns children of <paramref name="parent"/>.</summary>
    /// <param name="parent">Usually <see cref="ActorContext.Self"/>, or <see cref="ActorSystem.Root"/>.</param>
    public TaskGroup(ActorTask parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        _parent = parent;
    }

    /// <summary>Members, in the order they were added.</summary>
    public IReadOnlyList<ActorTask> Tasks => _order.All;

    /// <summary>Members that have not finished.</summary>
    public int Running => _order.Count - _order.FinishedCount;

    /// <summary>Spawns a process under the group's parent and adds it.</summary>
    /// <param name="body">The work.</param>
    /// <param name="options">Spawn options; null for defaults.</param>
    /// <returns>The new member.</returns>
    public ActorTask Run(Func<ActorContext, Task> body, SpawnOptions? options = null) => _order.SpawnTracked(options, o => _parent.Run(body, o));

    /// <summary>Spawns a process with a result under the group's parent and adds it.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="body">The work.</param>
    /// <param name="options">Spawn options; null for defaults.</param>
    /// <returns>The new member.</returns>
    public ActorTask<TResult> Run<TResult>(Func<ActorContext, Task<TResult>> body, SpawnOptions? options = null) => _order.SpawnTracked(options, o => _parent.Run(body, o));

    /// <summary>Spawns through <paramref name="spawn"/> with the start held back until the task is a member.</summary>
    internal T SpawnTracked<T>(SpawnOptions? options, Func<SpawnOptions, T> spawn) where T : ActorTask => _order.SpawnTracked(options, spawn);

    /// <summary>Adds a task spawned elsewhere.</summary>
    /// <typeparam name="T">The task type.</typeparam>
    /// <param name="task">The task.</param>
    /// <returns><paramref name="task"/>.</returns>
    public T Add<T>(T task) where T : ActorTask
    {
        ArgumentNullException.ThrowIfNull(task);
        _order.Track(task);
        return task;
    }

    /// <summary>
    /// Waits until every non-transient member has finished (members added meanwhile included), then
    /// rethrows the first failure in finish order with its original stack trace. Stopped members are not
    /// failures. Any number of callers may wait at once.
    /// </summary>
    /// <param name="cancellationToken">Stops the waiting.</param>
    /// <returns>Completes when all have finished.</returns>
    /// <exception cref="InvalidOperationException">Called from inside a member (or a task under one): the group would wait on itself.</exception>
    public async Task WaitAllAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfInsideMember();
        while (!_order.AllNormalFinished)
            await _order.NextChangeAsync(static o => o.AllNormalFinished, cancellationToken).ConfigureAwait(false);
        foreach (var task in _order.FinishedFrom(0))
            if (task.State == ActorTaskState.Failed) await task.Completion.ConfigureAwait(false);
    }

    private void ThrowIfInsideMember()
    {
        if (ActorContext.CurrentTask is not { } current) return;
        foreach (var member in _order.All)
        {
            if (!member.IsFinished && member.Lifetime == ActorLifetime.Normal && member.IsInsideSubtree(current))
                throw new InvalidOperationException($"Task {current.Path} runs inside member {member.Path} and cannot wait for its own group; that would wait forever. Wait for the other members' tasks instead, or wait from outside the group.");
        }
    }

    /// <summary>Stops every unfinished member, last added first, and waits until they are final.</summary>
    /// <param name="cause">Why; null for a plain request.</param>
    /// <param name="cancellationToken">Stops the waiting, not the stops.</param>
    /// <returns>Completes when every member is final.</returns>
    public Task StopAllAsync(StopCause? cause = null, CancellationToken cancellationToken = default)
    {
        var tasks = _order.All;
        var stops = new Task[tasks.Length];
        for (var i = tasks.Length - 1; i >= 0; i--) stops[i] = tasks[i].StopAsync(cause ?? new StopCause("group stopped"));
        return Task.WhenAll(stops).WaitAsync(cancellationToken);
    }

    /// <summary>Yields members as they finish, in finish order (already finished ones first).</summary>
    /// <param name="first">Stop after this many; null for all current members.</param>
    /// <param name="cancellationToken">Stops the waiting.</param>
    /// <returns>Finished members; await one to get its outcome.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="first"/> is below 1.</exception>
    public async IAsyncEnumerable<ActorTask> FinishedAsync(int? first = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (first is { } n) ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(first));
        var yielded = 0;
        while (true)
        {
            foreach (var task in _order.FinishedFrom(yielded))
            {
                yield return task;
                if (++yielded == first) yield break;
            }
            if (yielded >= _order.Count) yield break;
            var seen = yielded;
            await _order.NextChangeAsync(o => o.FinishedCount > seen, cancellationToken).ConfigureAwait(false);
        }
    }
}
