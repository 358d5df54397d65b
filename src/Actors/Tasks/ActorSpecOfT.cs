namespace Actors;

/// <summary>
/// A task to spawn: its body and its <see cref="SpawnOptions"/>. Made by the factories of
/// <see cref="ActorSpec"/>; spawned by <see cref="IActorSpawner.Spawn{TRef}(ActorSpec{TRef})"/>. A spec
/// holds no state of its own: spawn it as often as you like, each spawn a new task.
/// </summary>
/// <typeparam name="TRef">What spawning gives back: <see cref="IActorRef{TMessage}"/>, <see cref="ActorTask"/> or <see cref="ActorTask{TResult}"/>.</typeparam>
public abstract class ActorSpec<TRef> where TRef : class
{
    private protected ActorSpec(SpawnOptions? options) => Options = options;

    /// <summary>Name, lifetime, timeout, mailbox and the rest; null for defaults.</summary>
    public SpawnOptions? Options { get; }

    /// <summary>What kind of body the spawned task has.</summary>
    public abstract ActorBodyKind BodyKind { get; }

    /// <summary>Makes the node under <paramref name="parent"/>, not yet linked or started.</summary>
    internal abstract ActorTask Create(ActorTask parent, SpawnOptions options);

    /// <summary>The caller's view of a node this spec made.</summary>
    internal abstract TRef Handle(ActorTask node);
}
