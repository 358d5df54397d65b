using Actors.Internal;

namespace Actors;

public abstract partial class ActorTask
{
    /// <summary>Starts a task spawned with <see cref="StartMode.Manual"/>. No effect if it has started or finished.</summary>
    public void Start()
    {
        if (State == ActorTaskState.Initialized && !IsStopping) StartBody();
    }

    /// <summary>The token a body or handler observes; cancelled on stop or deadline.</summary>
    internal abstract CancellationToken CancellationCore { get; }

    /// <summary>Begins the body (queues a process, opens a handler actor's mailbox). Called without the lock.</summary>
    private protected abstract void StartBody();

    /// <summary>A handler actor: Running from its spawn, so <see cref="Adopt"/> starts it under the lock that links it.</summary>
    private protected virtual bool RunsFromSpawn => false;

    /// <summary>Called once a body has become Running (after <see cref="TryBeginRun"/>, or at spawn); without the lock.</summary>
    private protected virtual void OnRunning() { }

    private void StartedAtSpawn()
    {
        _system.Diagnostics.TaskStarted(this);
        OnRunning();
    }

    /// <summary>Moves Initialized to Running unless a stop came first.</summary>
    private protected bool TryBeginRun()
    {
        lock (_system.TreeLock)
        {
            if (State != ActorTaskState.Initialized || _stopRequested) return false;
            _state = (byte)ActorTaskState.Running;
        }
        _system.Diagnostics.TaskStarted(this);
        return true;
    }

    internal void AttachActivity(global::System.Diagnostics.Activity activity)
    {
        lock (_system.TreeLock) Extras.Activity = activity;
    }

    /// <summary>The task's timers, created by <paramref name="create"/> on first use; later reads take no lock (set once, never cleared).</summary>
    private protected object GetOrCreateTimers(Func<object, object> create, object state)
    {
        if (Volatile.Read(ref _extras)?.Timers is { } timers) return timers;
        lock (_system.TreeLock) return Extras.Timers ??= create(state);
    }

    /// <summary>The task's timers, or null if it never used any.</summary>
    /// <remarks>No lock: the timers are set once and never cleared (see <see cref="GetOrCreateTimers"/>).</remarks>
    private protected object? TimersIfCreated => Volatile.Read(ref _extras) is { } extras ? Volatile.Read(ref extras.Timers) : null;

    /// <summary>The root is running from birth.</summary>
    private protected void MarkRunning() => _state = (byte)ActorTaskState.Running;

    /// <summary>The body's token source if it was created; read without the lock.</summary>
    private protected CancellationTokenSource? CancellationSourceIfCreated =>
        Volatile.Read(ref _extras) is { } extras ? Volatile.Read(ref extras.Cancellation) : null;

    /// <summary>Installs <paramref name="created"/> as the body's token source unless one is there; returns the one that is (compare-and-swap, a full fence).</summary>
    private protected CancellationTokenSource InstallCancellationSource(CancellationTokenSource created)
    {
        var extras = Volatile.Read(ref _extras);
        if (extras is null)
        {
            lock (_system.TreeLock) extras = Extras;
        }
        return Interlocked.CompareExchange(ref extras.Cancellation, created, null) ?? created;
    }

    /// <summary>The body's result, boxed (see <see cref="ActorTask{TResult}"/>): set under the lock before the task is final, read after.</summary>
    private protected object? ResultSlot
    {
        get => Volatile.Read(ref _extras)?.Result;
        set
        {
            AssertLockHeld();
            Extras.Result = value;
        }
    }

    /// <summary>The typed outcome's completion source, if <c>Completion</c> was read before the task was final (see <see cref="ActorTask{TResult}"/>).</summary>
    private protected object? OutcomeSource
    {
        get => Volatile.Read(ref _extras)?.Outcome;
        set
        {
            AssertLockHeld();
            Extras.Outcome = value;
        }
    }
}
