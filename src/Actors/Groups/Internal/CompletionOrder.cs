namespace Actors.Internal;

/// <summary>
/// Tracks a set of tasks and the order in which they finish, for groups and waiters. Transient tasks
/// are tracked but not waited for. Several callers may wait at once.
/// </summary>
internal sealed class CompletionOrder
{
    private readonly Lock _sync = new();                     // guards every field below
    private readonly List<ActorTask> _all = [];               // tracked tasks in add order
    private readonly List<ActorTask> _finished = [];          // tracked tasks in finish order
    private readonly List<TaskCompletionSource> _changed = [];// waiters woken on each finish
    private int _pendingNormal;                               // tracked non-transient tasks not finished

    /// <summary>
    /// Spawns through <paramref name="spawn"/> without starting, tracks the task, then starts it, so a
    /// task that fails at once is already observed. Honours a manual start the caller asked for.
    /// </summary>
    public T SpawnTracked<T>(SpawnOptions? options, Func<SpawnOptions, T> spawn) where T : ActorTask
    {
        var given = options ?? SpawnOptions.Default;
        var task = spawn(new SpawnOptions(given) { Start = StartMode.Manual });
        Track(task);
        if (given.Start == StartMode.Immediate) task.Start();
        return task;
    }

    public void Track(ActorTask task)
    {
        task.Observe();
        lock (_sync)
        {
            _all.Add(task);
            if (task.Lifetime == ActorLifetime.Normal) _pendingNormal++;
        }
        task.WhenFinished().ContinueWith(static (_, s) =>
        {
            var (order, task) = ((CompletionOrder, ActorTask))s!;
            order.OnFinished(task);
        }, (this, task), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public ActorTask[] All
    {
        get { lock (_sync) return [.. _all]; }
    }

    /// <summary>The finished tasks from <paramref name="start"/> on, in finish order.</summary>
    public ActorTask[] FinishedFrom(int start)
    {
        lock (_sync) return start >= _finished.Count ? [] : _finished.GetRange(start, _finished.Count - start).ToArray();
    }

    public bool AllNormalFinished
    {
        get { lock (_sync) return _pendingNormal == 0; }
    }

    /// <summary>Completes on the next finish (at once if <paramref name="ready"/> already holds).</summary>
    public Task NextChangeAsync(Func<CompletionOrder, bool> ready, CancellationToken cancellationToken)
    {
        TaskCompletionSource signal;
        lock (_sync)
        {
            if (ready(this)) return Task.CompletedTask;
            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _changed.Add(signal);
        }
        return signal.Task.WaitAsync(cancellationToken);
    }

    public int FinishedCount
    {
        get { lock (_sync) return _finished.Count; }
    }

    public int Count
    {
        get { lock (_sync) return _all.Count; }
    }

    private void OnFinished(ActorTask task)
    {
        TaskCompletionSource[] wake;
        lock (_sync)
        {
            _finished.Add(task);
            if (task.Lifetime == ActorLifetime.Normal) _pendingNormal--;
            wake = [.. _changed];
            _changed.Clear();
        }
        foreach (var signal in wake) signal.TrySetResult();
    }
}
