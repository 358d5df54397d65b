using System.Diagnostics.CodeAnalysis;
using Actors.Supervision.Internal;

namespace Actors.Supervision;

public sealed partial class Supervisor
{
    /// <summary>
    /// The reference of <paramref name="child"/> for the life of its slot: it reaches whichever instance
    /// runs, holds messages while the child restarts (within the spec's mailbox bound), keeps the failed
    /// instance's queued messages for the next one (<see cref="ChildSpec.QueuedOnRestart"/>), and sends
    /// to dead letters once the child has ended for good. Its <see cref="IActorRef{TMessage}.ActorTask"/> is the
    /// running (or latest) instance.
    /// </summary>
    /// <typeparam name="TMessage">The child's messages, known from its spec.</typeparam>
    /// <param name="child">A spec this supervisor runs (in its options or added with <see cref="StartChildAsync"/>).</param>
    /// <returns>The stable reference; the same object on every call.</returns>
    /// <exception cref="ArgumentException">This supervisor has no child with that id (never had, or it was deleted).</exception>
    public IActorRef<TMessage> Ref<TMessage>(ChildSpec<TMessage> child)
    {
        ArgumentNullException.ThrowIfNull(child);
        return Ref<TMessage>(child.Id);
    }

    /// <summary>The stable reference of child <paramref name="id"/> (see <see cref="Ref{TMessage}(ChildSpec{TMessage})"/>), when only its id is at hand.</summary>
    /// <typeparam name="TMessage">The child's messages: exactly the type its spec names.</typeparam>
    /// <param name="id">The child's id.</param>
    /// <returns>The stable reference.</returns>
    /// <exception cref="ArgumentException">No child has that id, its spec names no message type, or names another one; <see cref="TryGetRef{TMessage}"/> does not throw.</exception>
    public IActorRef<TMessage> Ref<TMessage>(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var found = Core?.FindRef(id) ?? throw new ArgumentException(
            $"Supervisor {Describe()} has no child '{id}' with a stable reference: the id is unknown or deleted, or its spec names no message type (make it with ChildSpec<T>, or ChildSpec.Actor/Handler/Process<T>).", nameof(id));
        return found as IActorRef<TMessage> ?? throw new ArgumentException(
            $"Child '{id}' of {Describe()} receives {found.MessageType.Name}, not {typeof(TMessage).Name}; ask for Ref<{found.MessageType.Name}>.", nameof(id));
    }

    /// <summary>The stable reference of child <paramref name="id"/>, if it has one of that message type.</summary>
    /// <typeparam name="TMessage">The child's messages.</typeparam>
    /// <param name="id">The child's id.</param>
    /// <param name="reference">The reference, or null.</param>
    /// <returns>False when no child has that id, or its spec names no message type or another one.</returns>
    public bool TryGetRef<TMessage>(string id, [NotNullWhen(true)] out IActorRef<TMessage>? reference)
    {
        reference = id is null ? null : Core?.FindRef(id) as IActorRef<TMessage>;
        return reference is not null;
    }

    /// <summary>
    /// A handle on nested supervisor <paramref name="id"/> (made with <see cref="ChildSpec.Supervisor"/>), to
    /// administer its children. The handle outlives the nested supervisor's restarts: requests made while
    /// it restarts are answered by its next instance. Its children's references last as long as the
    /// nested instance that made them (a restart of the nested supervisor makes new slots).
    /// </summary>
    /// <param name="id">The nested supervisor's id.</param>
    /// <returns>The handle, or null if no nested supervisor has that id.</returns>
    public Supervisor? ChildSupervisor(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Core?.FindRef(id) is SlotRef<SupervisorEvent> nested ? new Supervisor(nested, core: null) : null;
    }

    /// <summary>
    /// Sets child <paramref name="id"/>'s restart count (shown in snapshots and <see cref="WhichChildrenAsync"/>) back to
    /// zero, as if it had never restarted. A backoff sequence under way keeps its place (it starts over once an instance
    /// stays up for <see cref="RestartBackoff.StablePeriod"/>). The supervisor's restart intensity
    /// (<see cref="SupervisorOptions.MaxRestarts"/> within <see cref="SupervisorOptions.Window"/>) is not per child and is unchanged.
    /// </summary>
    /// <param name="id">The child's id.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Ok, NotFound or ShuttingDown.</returns>
    public async Task<ChildOperationResult> ResetRestartCountAsync(string id, CancellationToken cancellationToken = default) =>
        await OperateAsync(AdminKind.ResetRestarts, id, null, cancellationToken).ConfigureAwait(false);

    /// <summary>This supervisor's state: a top-level one's own, a nested handle's running instance's (null between instances).</summary>
    private SupervisorCore? Core => _core ?? ((_ref as ISlotRef)?.Instance?.Options.ChildExitHandler as SupervisorCore);

    private string Describe() => _core?.Path ?? (_ref as ISlotRef)?.Instance?.Path ?? "(nested, not started)";
}
