using Actors.Supervision.Internal;

namespace Actors.Supervision;

/// <summary>
/// A child spec whose instances receive <typeparamref name="TMessage"/>: its supervisor keeps one
/// reference for the life of the slot (<see cref="Supervisor.Ref{TMessage}(ChildSpec{TMessage})"/>),
/// which reaches whichever instance runs and holds messages while the slot restarts.
/// </summary>
/// <typeparam name="TMessage">The messages every instance receives.</typeparam>
public sealed class ChildSpec<TMessage> : ChildSpec
{
    /// <summary>Creates a spec.</summary>
    /// <param name="id">Unique among the supervisor's children; also the child's name.</param>
    /// <param name="start">
    /// Spawns a new instance with exactly this message type under the given parent, passing on the given
    /// options (they carry what keeps the reference stable), and returns its reference; or returns null
    /// to answer "ignore" (see <see cref="ChildSpec(string, Func{ActorTask, SpawnOptions, ActorTask})"/>).
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a valid task name.</exception>
    public ChildSpec(string id, Func<ActorTask, SpawnOptions, IActorRef<TMessage>?> start)
        : this(id, IgnoreInfo(start)) { }

    /// <summary>Creates a spec whose start function is told why it starts (the failure and message that ended the instance before it).</summary>
    /// <param name="id">Unique among the supervisor's children; also the child's name.</param>
    /// <param name="start">As in <see cref="ChildSpec{TMessage}(string, Func{ActorTask, SpawnOptions, IActorRef{TMessage}})"/>, with the start info.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a valid task name.</exception>
    public ChildSpec(string id, Func<ActorTask, SpawnOptions, ChildStartInfo, IActorRef<TMessage>?> start)
        : base(id, (parent, options) => start(parent, options, ChildStartInfo.First)?.ActorTask, (parent, options, info) => start(parent, options, info)?.ActorTask)
    {
        ArgumentNullException.ThrowIfNull(start);
    }

    /// <summary>Copies <paramref name="other"/>; change the copy with an object initializer.</summary>
    /// <param name="other">The spec to copy.</param>
    public ChildSpec(ChildSpec<TMessage> other) : base(other) => Portable = other.Portable;

    /// <summary>Which messages may wait for the next instance; null keeps all. Internal: nested supervisors keep only requests.</summary>
    internal Func<TMessage, bool>? Portable { get; init; }

    private static Func<ActorTask, SpawnOptions, ChildStartInfo, IActorRef<TMessage>?> IgnoreInfo(Func<ActorTask, SpawnOptions, IActorRef<TMessage>?> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return (parent, options, _) => start(parent, options);
    }

    internal override ISlotRef CreateSlotRef(SupervisorCore owner) => new SlotRef<TMessage>(this, owner);
}
