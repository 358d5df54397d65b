using Actors.Internal;

namespace Actors;

/// <summary>
/// A set of tasks handled together (Ruby Async's Barrier): wait for all of them, stop them all, or take
/// them as they finish. Tasks in a group count as observed, so their failures surface here instead of
/// being logged. Transient tasks in a group are never waited for. A member leaves the group when it
/// finishes (the group keeps only its first failure), so a long-lived group does not grow.
/// </summary>
public sealed class TaskGroup : IActorSpawner
{
    private readonly ActorTask _parent;                 // where Run spawns; immutable
    private readonly GroupMembers _members = new();     // unfinished members and the first failure

    /// <summary>Creates a group whose spawns (<c>group.Run(...)</c>, <c>group.Spawn(...)</c>) are children of <paramref name="parent"/>.</summary>
    /// <param name="parent">Usually <see cref="ActorContext.Self"/>, or <see cref="ActorSystem.Root"/>.</param>
    public TaskGroup(ActorTask parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        _parent = parent;
    }

    /// <summary>Members that have not finished, in the order they were added (finished ones have left the group).</summary>
    public IReadOnlyList<ActorTask> Tasks => _members.Running;

    /// <summary>Members that have not finished.</summary>
    public int Running => _members.RunningCount;

    /// <summary>Spawns a task under the group's parent and adds it (the shapes, such as <c>group.Run(...)</c>, are in <see cref="ActorSpawnerExtensions"/>).</summary>
    /// <inheritdoc cref="IActorSpawner.Spawn{TRef}(ActorSpec{TRef})"/>
    public TRef Spawn<TRef>(ActorSpec<TRef> spec) where TRef : class
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Handle(SpawnTracked(spec.Options, o => _parent.SpawnNode(spec, o)));
    }

    /// <summary>Spawns through <paramref name="spawn"/> with the start held back until the task is a member.</summary>
    internal T SpawnTracked<T>(SpawnOptions? options, Func<SpawnOptions, T> spawn) where T : ActorTask
    {
        var given = options ?? SpawnOptions.Default;
        var task = spawn(new SpawnOptions(given) { Start = StartMode.Manual });
        _members.Track(task);   // a member before it starts, so a task that fails at once is already observed
        if (given.Start == StartMode.Immediate) task.Start();
        return task;
    }

    /// <summary>Adds a task spawned elsewhere.</summary>
    /// <typeparam name="T">The task type.</typeparam>
    /// <param name="task">The task.</param>
    /// <returns><paramref name="task"/>.</returns>
    public T Add<T>(T task) where T : ActorTask
    {
        ArgumentNullException.ThrowIfNull(task);
        _members.Track(task);
        return task;
    }

    /// <summary>
    /// Waits until every non-transient member has finished (members added meanwhile included), then
    /// rethrows the group's first failure (in finish order) with its original stack trace. Stopped members are not
    /// failures. Any number of callers may wait at once.
    /// </summary>
    /// <param name="cancellationToken">Stops the waiting.</param>
    /// <returns>Completes when all have finished.</returns>
    /// <exception cref="InvalidOperationException">Called from inside a member (or a task under one): the group would wait on itself.</exception>
    public async Task WaitAllAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfInsideMember();
        while (!_members.AllNormalFinished)
            await _members.NextChangeAsync(static m => m.AllNormalFinished, cancellationToken).ConfigureAwait(false);
        if (_members.FirstFailure is { } failed) await failed.Completion.ConfigureAwait(false);
    }

    private void ThrowIfInsideMember()
    {
        if (ActorContext.CurrentTask is not { } current) return;
        foreach (var member in _members.Running)
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
        var tasks = _members.Running;
        var stops = new Task[tasks.Length];
        for (var i = tasks.Length - 1; i >= 0; i--) stops[i] = tasks[i].StopAsync(cause ?? new StopCause("group stopped"));
        return Task.WhenAll(stops).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Yields members as they finish, in finish order, from when the enumeration starts (members that
    /// finished before have already left the group). Ends after <paramref name="first"/> members, or when
    /// none is left running.
    /// </summary>
    /// <param name="first">Stop after this many; null for every member still running.</param>
    /// <param name="cancellationToken">Stops the waiting.</param>
    /// <returns>Finished members; await one to get its outcome.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="first"/> is below 1.</exception>
    public IAsyncEnumerable<ActorTask> FinishedAsync(int? first = null, CancellationToken cancellationToken = default)
    {
        if (first is { } n) ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(first));
        return EnumerateFinished(first, cancellationToken);
    }

    private async IAsyncEnumerable<ActorTask> EnumerateFinished(int? first, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var listener = _members.Listen();   // on the first MoveNextAsync, so an enumeration never started queues nothing
        try
        {
            var yielded = 0;
            while (true)
            {
                while (_members.TryTake(listener, out var task))
                {
                    yield return task!;
                    if (++yielded == first) yield break;
                }
                if (!await _members.WaitAsync(listener, cancellationToken).ConfigureAwait(false)) yield break;
            }
        }
        finally
        {
            _members.Unlisten(listener);
        }
    }
}
