namespace Actors.Internal;

/// <summary>
/// The one spec implementation: a handler or a process body over a mailbox of <typeparamref name="TMessage"/>
/// (<see cref="NoMessage"/> for none) with a result of <typeparamref name="TResult"/> (<see cref="NoResult"/>
/// for none). The node it makes is both the task and the reference, so the handle is a cast.
/// </summary>
internal sealed class CellSpec<TMessage, TResult, TRef>(
    Func<ActorContext<TMessage>, TMessage, ValueTask>? handler,
    Func<ActorContext<TMessage>, Task<TResult>>? process,
    SpawnOptions? options) : ActorSpec<TRef>(options) where TRef : class
{
    public override ActorBodyKind BodyKind => handler is null ? ActorBodyKind.Process : ActorBodyKind.Handler;

    internal override ActorTask Create(ActorTask parent, SpawnOptions options) =>
        new ActorCell<TMessage, TResult>(parent.System, parent, options, handler, process);

    internal override TRef Handle(ActorTask node) => (TRef)(object)node;
}
