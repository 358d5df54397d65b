using Actors.Internal;

namespace Actors;

/// <summary>Runs tasks and hands back the first N results in finish order (Ruby Async's Waiter).</summary>
/// <typeparam name="TResult">The tasks' result type.</typeparam>
public sealed class TaskWaiter<TResult>
{
    private readonly ActorTask _parent;                 // where Run spawns; immutable
    private readonly CompletionOrder _order = new();    // members and their finish order

    /// <summary>Creates a waiter whose <see cref="Run"/> spawns children of <paramref name="parent"/>.</summary>
    /// <param name="parent">Usually <see cref="ActorContext.Self"/>.</param>
    public TaskWaiter(ActorTask parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        _parent = parent;
    }

    /// <summary>Spawns a process whose result the waiter collects.</summary>
    /// <param name="body">The work.</param>
    /// <param name="options">Spawn options; null for defaults.</param>
    /// <returns>The new task.</returns>
    public ActorTask<TResult> Run(Func<ActorContext, Task<TResult>> body, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return _order.SpawnTracked(options, o => _parent.Run(body, o));
    }

    /// <summary>
    /// Waits for the first <paramref name="count"/> tasks to finish and returns their results in finish
    /// order. If one of them failed or was stopped, its exception is thrown instead.
    /// </summary>
    /// <param name="count">How many results; at least 1 and at most the number of tasks run.</param>
    /// <param name="cancellationToken">Stops the waiting.</param>
    /// <returns>The results.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1 or above the number of tasks run.</exception>
    public async Task<IReadOnlyList<TResult>> WaitAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (count > _order.Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Only {_order.Count} tasks were run; wait for at most that many.");
        while (_order.FinishedCount < count)
            await _order.NextChangeAsync(o => o.FinishedCount >= count, cancellationToken).ConfigureAwait(false);
        var results = new List<TResult>(count);
        foreach (var task in _order.FinishedFrom(0).Take(count))
            results.Add(await ((ActorTask<TResult>)task).Completion.ConfigureAwait(false));
        return results;
    }
}
