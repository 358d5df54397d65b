using System.Diagnostics;
using Actors.Internal;

namespace Actors;

/// <summary>
/// A node of the supervision tree: a mailbox actor with a parent, a body, a lifecycle and an outcome.
/// The body is either a message handler (<see cref="ActorSpec.Handler{TMessage}(Func{ActorContext{TMessage}, TMessage, ValueTask}, SpawnOptions?)"/>) or an async function that runs
/// once and may receive from its mailbox (<see cref="ActorSpec.Process(Func{ActorContext, Task}, SpawnOptions?)"/>).
/// <para>Lifecycle (see <see cref="ActorTaskState"/>):</para>
/// <code>
/// Initialized --start--> Running --return--> Completed
/// Initialized --stop---> Stopped    Running --throw--> Failed
/// Running -----stop----> Stopped    (a finished task ignores stop)
/// </code>
/// <para>
/// A task is a handle, like a <see cref="System.Diagnostics.Process"/>, not an awaitable: spawning one and
/// walking away is ordinary (<c>ctx.Run(...);</c> compiles without a warning), and waiting is explicit.
/// <c>await task.Completion</c> gives its result once its body has ended; a failure rethrows the original
/// exception with its stack trace; a stopped task throws <see cref="ActorStoppedException"/>.
/// A finished task leaves the tree when its last non-transient child is gone; its transient
/// children then move up to its parent.
/// </para>
/// </summary>
public abstract partial class ActorTask : IActorSpawner
{
    // Immutable after construction.
    private protected readonly ActorSystem _system;   // the owning system
    private readonly long _id;                        // unique in the system; names anonymous path segments
    private readonly SpawnOptions _options;           // shared, validated options
    private readonly long _spawnedAt;                 // TimeProvider timestamp of the spawn

    // Guarded by _system.TreeLock.
    private ActorTask? _parent;                       // null only for the root
    private ActorTask? _firstChild;                   // children in start order (intrusive list; the first's _prevSibling is the last)
    private ActorTask? _prevSibling, _nextSibling;    // this task's links in its parent's list: next is null at the end, prev wraps to the last
    private int _normalChildren;                      // children with Normal lifetime not yet detached
    private NodeFlags _flags;                         // observation, detach and body-ended bits
    private StopCause? _stopCause;                    // why the task was stopped; set once
    private NodeExtras? _extras;                      // rarely used state (failure, path, DeferStop depth, token source...); set once

    // Written under the tree lock, read anywhere.
    private volatile byte _state;                     // an ActorTaskState (a byte: an idle actor stays small)
    private volatile bool _stopRequested;             // a stop has been applied: children are being stopped, the body cancelled

    // Metrics: the task's series (set once by the concrete node), and its links in the mailbox registry (guarded by the registry shard's lock).
    internal MetricBucket? MetricBucket;              // null for the root
    internal ActorTask? MailboxPrev, MailboxNext;
    internal bool MailboxTracked;

    private protected ActorTask(ActorSystem system, ActorTask? parent, SpawnOptions options)
    {
        _system = system;
        _parent = parent;
        _options = options;
        _id = system.NextId();
        _spawnedAt = system.TimeProvider.GetTimestamp();
    }

    /// <summary>The system this task belongs to.</summary>
    public ActorSystem System => _system;

    /// <summary>The task's name under its parent, or null if it is anonymous.</summary>
    public string? Name => _options.Name;

    /// <summary>Free text shown by introspection.</summary>
    public string? Label
    {
        get { lock (_system.TreeLock) return _extras?.Label ?? _options.Label; }
        set { lock (_system.TreeLock) Extras.Label = value; }
    }

    /// <summary>Where the task is in its lifecycle.</summary>
    public ActorTaskState State => (ActorTaskState)_state;

    /// <summary>True once the task is Completed, Failed or Stopped.</summary>
    public bool IsFinished => _state >= (int)ActorTaskState.Completed;

    /// <summary>True once a stop has been applied to the task (it may still be running its cleanup).</summary>
    public bool IsStopping => _stopRequested;

    /// <summary>Whether the task keeps its parent and the system alive.</summary>
    public ActorLifetime Lifetime => _options.Lifetime;

    /// <summary>The current parent, or null for the system's root. A transient task's parent changes when it moves up.</summary>
    public ActorTask? Parent { get { lock (_system.TreeLock) return _parent; } }

    /// <summary>The failure, once the task is <see cref="ActorTaskState.Failed"/>.</summary>
    public Exception? Failure { get { lock (_system.TreeLock) return _extras?.Failure; } }

    /// <summary>Why the task was stopped, once a stop reached it.</summary>
    public StopCause? StopCause { get { lock (_system.TreeLock) return _stopCause; } }

    /// <summary>The path from the root, such as <c>/server/connections/42</c>; anonymous segments read <c>$id</c>.</summary>
    /// <remarks>Built once and cached (names never change), so reading it takes no lock; rebuilt only after a transient ancestor moves up.</remarks>
    public string Path => Volatile.Read(ref _extras)?.Path ?? BuildPath();

    /// <summary>How long ago the task was spawned.</summary>
    public TimeSpan Age => _system.TimeProvider.GetElapsedTime(_spawnedAt);

    /// <summary>Restarts of the supervised slot this task fills (0 outside supervision).</summary>
    public int Restarts { get { lock (_system.TreeLock) return _extras?.Restarts ?? 0; } }

    /// <summary>What kind of body the task has.</summary>
    public abstract ActorBodyKind BodyKind { get; }

    /// <summary>Messages waiting in the mailbox.</summary>
    public abstract int MailboxDepth { get; }

    /// <summary>Returns a typed reference for sending to this task.</summary>
    /// <typeparam name="TMessage">The message type the task receives.</typeparam>
    /// <exception cref="InvalidOperationException">The task receives another message type, or has no mailbox.</exception>
    public IActorRef<TMessage> Ref<TMessage>() => this as IActorRef<TMessage>
        ?? throw new InvalidOperationException($"Task {Path} does not receive {typeof(TMessage).Name} messages ({DescribeMailbox()}). Ask for the type it was spawned with.");

    /// <summary>The task's unique id in its system.</summary>
    internal long Id => _id;

    internal SpawnOptions Options => _options;

    internal long SpawnedAt => _spawnedAt;

    private protected abstract string DescribeMailbox();

    /// <summary>Rarely used state; caller holds the tree lock.</summary>
    private NodeExtras Extras
    {
        get
        {
            AssertLockHeld();
            if (_extras is null) Volatile.Write(ref _extras, new NodeExtras());   // published whole: some fields are read without the lock
            return _extras;
        }
    }

    internal void SetRestarts(int restarts)
    {
        lock (_system.TreeLock) Extras.Restarts = restarts;
    }

    /// <summary>Records what happened to the instance this task replaces (supervisors; shown by introspection).</summary>
    internal void SetSupervision(int restarts, Exception? lastFailure)
    {
        lock (_system.TreeLock)
        {
            Extras.Restarts = restarts;
            if (lastFailure is not null) Extras.LastFailure = lastFailure;   // described when a snapshot shows it, not per restart
        }
    }

    private static string Describe(Exception failure) => $"{failure.GetType().Name}: {failure.Message}";

    private string BuildPath()
    {
        lock (_system.TreeLock) return PathLocked();
    }

    private string PathLocked()
    {
        if (_extras?.Path is { } path) return path;
        if (_parent is null) path = "/";
        else if (_parent._parent is null) path = "/" + Segment;
        else path = _parent.PathLocked() + "/" + Segment;
        return Extras.Path = path;
    }

    private string Segment => _options.Name ?? "$" + _id.ToString(global::System.Globalization.CultureInfo.InvariantCulture);

    [Conditional("DEBUG")]
    private protected void AssertLockHeld() => Debug.Assert(_system.TreeLock.IsHeldByCurrentThread, "the tree lock must be held");

    /// <inheritdoc/>
    public override string ToString() => $"{Path} ({State})";
}
