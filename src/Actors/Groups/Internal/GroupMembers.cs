namespace Actors.Internal;

/// <summary>
/// The unfinished members of a <see cref="TaskGroup"/>. A member is forgotten as soon as it finishes, so a
/// long-lived group (one member per connection, say) does not grow; the group keeps only its first failure,
/// for <see cref="TaskGroup.WaitAllAsync"/>. Finishes are handed to the listeners open at the time, in order.
/// </summary>
internal sealed class GroupMembers
{
    private readonly Lock _sync = new();                               // guards every field below
    private readonly Dictionary<ActorTask, long> _running = [];        // unfinished members and the order they were added in
    private readonly List<TaskCompletionSource> _changed = [];         // waiters woken on each finish
    private readonly List<Listener> _listeners = [];                   // open FinishedAsync enumerations
    private long _added;                                               // members ever added; orders _running
    private int _pendingNormal;                                        // unfinished non-transient members
    private ActorTask? _firstFailure;                                  // the first member to finish Failed

    /// <summary>Unfinished members, in the order they were added.</summary>
    public ActorTask[] Running
    {
        get
        {
            lock (_sync) return [.. _running.OrderBy(static p => p.Value).Select(static p => p.Key)];
        }
    }

    public int RunningCount
    {
        get { lock (_sync) return _running.Count; }
    }

    public bool AllNormalFinished
    {
        get { lock (_sync) return _pendingNormal == 0; }
    }

    public ActorTask? FirstFailure
    {
        get { lock (_sync) return _firstFailure; }
    }

    /// <summary>Adds a member (once); it counts as observed, so its failure surfaces through the group.</summary>
    public void Track(ActorTask task)
    {
        task.Observe();
        lock (_sync)
        {
            if (!_running.TryAdd(task, _added++)) return;
            if (task.Lifetime == ActorLifetime.Normal) _pendingNormal++;
        }
        task.WhenFinished().ContinueWith(static (_, s) =>
        {
            var (members, task) = ((GroupMembers, ActorTask))s!;
            members.OnFinished(task);
        }, (this, task), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes on the next finish (at once if <paramref name="ready"/> already holds).</summary>
    public Task NextChangeAsync(Func<GroupMembers, bool> ready, CancellationToken cancellationToken)
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

    /// <summary>Starts queueing every later finish for one enumeration; close it with <see cref="Unlisten"/>.</summary>
    public Listener Listen()
    {
        var listener = new Listener();
        lock (_sync) _listeners.Add(listener);
        return listener;
    }

    public void Unlisten(Listener listener)
    {
        lock (_sync) _listeners.Remove(listener);
    }

    /// <summary>The next queued finish; false when none is queued.</summary>
    public bool TryTake(Listener listener, out ActorTask? task)
    {
        lock (_sync) return listener.Finished.TryDequeue(out task);
    }

    /// <summary>Waits for a finish to be queued; false when none is queued and no member is left to finish.</summary>
    public async Task<bool> WaitAsync(Listener listener, CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_sync)
            {
                if (listener.Finished.Count > 0) return true;
                if (_running.Count == 0) return false;
            }
            await NextChangeAsync(_ => listener.Finished.Count > 0, cancellationToken).ConfigureAwait(false);
        }
    }

    private void OnFinished(ActorTask task)
    {
        TaskCompletionSource[] wake;
        lock (_sync)
        {
            if (!_running.Remove(task)) return;
            if (task.Lifetime == ActorLifetime.Normal) _pendingNormal--;
            if (task.State == ActorTaskState.Failed) _firstFailure ??= task;
            foreach (var listener in _listeners) listener.Finished.Enqueue(task);
            wake = [.. _changed];
            _changed.Clear();
        }
        foreach (var signal in wake) signal.TrySetResult();
    }

    /// <summary>One FinishedAsync enumeration's queue of finishes; guarded by the members' lock.</summary>
    internal sealed class Listener
    {
        public Queue<ActorTask> Finished { get; } = new();
    }
}
