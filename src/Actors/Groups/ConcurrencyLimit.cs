namespace Actors;

/// <summary>
/// At most <see cref="Limit"/> tasks at once (Ruby Async's Semaphore); further starts wait in FIFO order.
/// The limit may change while tasks run or wait: raising it starts waiters at once, lowering it lets
/// running tasks finish. Tasks it starts can be placed in a <see cref="TaskGroup"/>. Used as a plain
/// semaphore, without spawning, it hands out leases (<c>using (await limit.AcquireAsync(ct)) { ... }</c>)
/// that share the same slots and the same FIFO queue as the tasks it starts.
/// </summary>
public sealed class ConcurrencyLimit
{
    private readonly Lock _sync = new();                                   // guards the fields below
    private readonly LinkedList<TaskCompletionSource> _waiters = new();    // FIFO of starts waiting for a slot
    private readonly TaskGroup? _group;                                    // where started tasks go; immutable
    private int _limit;                                                    // current limit
    private int _running;                                                  // slots in use

    /// <summary>Creates a limit.</summary>
    /// <param name="limit">Tasks allowed at once; at least 1.</param>
    /// <param name="group">A group that receives every task started through this limit, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is below 1.</exception>
    public ConcurrencyLimit(int limit = 1, TaskGroup? group = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _limit = limit;
        _group = group;
    }

    /// <summary>Tasks allowed at once. Raising it starts waiters; lowering it waits for running tasks to finish.</summary>
    /// <value>1 unless given.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public int Limit
    {
        get { lock (_sync) return _limit; }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            List<TaskCompletionSource> admitted;
            lock (_sync)
            {
                _limit = value;
                admitted = AdmitLocked();
            }
            foreach (var waiter in admitted) waiter.TrySetResult();
        }
    }

    /// <summary>Slots in use.</summary>
    public int Running
    {
        get { lock (_sync) return _running; }
    }

    /// <summary>Starts waiting for a slot.</summary>
    public int Waiting
    {
        get { lock (_sync) return _waiters.Count; }
    }

    /// <summary>Waits for a slot, then spawns <paramref name="body"/> under <paramref name="parent"/>; the slot frees when the task finishes.</summary>
    /// <param name="parent">Where to spawn (for example <see cref="ActorContext.Self"/>).</param>
    /// <param name="body">The work.</param>
    /// <param name="options">Spawn options; null for defaults.</param>
    /// <param name="cancellationToken">Gives up waiting for a slot.</param>
    /// <returns>The started task.</returns>
    public async Task<ActorTask> RunAsync(ActorTask parent, Func<ActorContext, Task> body, SpawnOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(body);
        await AcquireSlotAsync(cancellationToken).ConfigureAwait(false);
        return Track(options, o => parent.Run(body, o));
    }

    /// <summary>Waits for a slot, then spawns a process with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <inheritdoc cref="RunAsync(ActorTask, Func{ActorContext, Task}, SpawnOptions?, CancellationToken)"/>
    public async Task<ActorTask<TResult>> RunAsync<TResult>(ActorTask parent, Func<ActorContext, Task<TResult>> body, SpawnOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(body);
        await AcquireSlotAsync(cancellationToken).ConfigureAwait(false);
        return Track(options, o => parent.Run(body, o));
    }

    /// <summary>Waits for a slot without spawning a task; dispose the lease to release it.</summary>
    /// <param name="cancellationToken">Gives up waiting (a slot granted as the wait is cancelled is given back).</param>
    /// <returns>The lease holding the slot.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired while waiting.</exception>
    public async Task<ConcurrencyLease> AcquireAsync(CancellationToken cancellationToken = default)
    {
        await AcquireSlotAsync(cancellationToken).ConfigureAwait(false);
        return new ConcurrencyLease(this);
    }

    /// <summary>Takes a slot if one is free and nobody waits for one; never waits.</summary>
    /// <param name="lease">The lease holding the slot, or null.</param>
    /// <returns>True if a slot was taken.</returns>
    public bool TryAcquire([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConcurrencyLease? lease)
    {
        lock (_sync)
        {
            if (_waiters.Count != 0 || _running >= _limit)
            {
                lease = null;
                return false;
            }
            _running++;
        }
        lease = new ConcurrencyLease(this);
        return true;
    }

    private T Track<T>(SpawnOptions? options, Func<SpawnOptions, T> spawn) where T : ActorTask
    {
        T task;
        try { task = _group is null ? spawn(options ?? SpawnOptions.Default) : _group.SpawnTracked(options, spawn); }
        catch
        {
            Release();
            throw;
        }
        task.WhenFinished().ContinueWith(static (_, s) => ((ConcurrencyLimit)s!).Release(), this,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    private Task AcquireSlotAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource waiter;
        LinkedListNode<TaskCompletionSource> node;
        lock (_sync)
        {
            if (_waiters.Count == 0 && _running < _limit)
            {
                _running++;
                return Task.CompletedTask;
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);
        }
        if (!cancellationToken.CanBeCanceled) return waiter.Task;
        return WaitCancellableAsync(waiter, node, cancellationToken);
    }

    private async Task WaitCancellableAsync(TaskCompletionSource waiter, LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        using (cancellationToken.UnsafeRegister(static s => ((TaskCompletionSource)s!).TrySetCanceled(), waiter))
        {
            try { await waiter.Task.ConfigureAwait(false); }
            catch (OperationCanceledException)
            {
                bool wasQueued;
                lock (_sync)
                {
                    wasQueued = node.List is not null;
                    if (wasQueued) _waiters.Remove(node);
                }
                if (!wasQueued) Release();   // a slot was granted as the wait was cancelled: give it back
                throw new OperationCanceledException(cancellationToken);
            }
        }
    }

    internal void Release()
    {
        List<TaskCompletionSource> admitted;
        lock (_sync)
        {
            _running--;
            admitted = AdmitLocked();
        }
        foreach (var waiter in admitted) waiter.TrySetResult();
    }

    private List<TaskCompletionSource> AdmitLocked()
    {
        var admitted = new List<TaskCompletionSource>();
        while (_running < _limit && _waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            _running++;
            admitted.Add(first.Value);
        }
        return admitted;
    }
}
