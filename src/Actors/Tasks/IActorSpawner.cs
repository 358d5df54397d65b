namespace Actors;

/// <summary>
/// Something that spawns tasks: the system (top-level tasks), a task or its context (children of the
/// task), a <see cref="TaskGroup"/> (children of its parent, tracked by the group). One core method takes
/// an <see cref="ActorSpec{TRef}"/>; the usual shapes (<c>Spawn</c>, <c>Run</c>, <c>RunWithMailbox</c>)
/// are extension methods in <see cref="ActorSpawnerExtensions"/>, so a new body shape is added once for
/// every spawner.
/// </summary>
public interface IActorSpawner
{
    /// <summary>Spawns the task <paramref name="spec"/> describes.</summary>
    /// <typeparam name="TRef">What the caller gets back: a reference for sending, or the task.</typeparam>
    /// <param name="spec">The body and its options.</param>
    /// <returns>The reference or task.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid (the message says which).</exception>
    /// <exception cref="InvalidOperationException">The parent has finished, or the system is stopped.</exception>
    /// <exception cref="NameOverlapException">The name is taken and the policy rejects the newer task.</exception>
    TRef Spawn<TRef>(ActorSpec<TRef> spec) where TRef : class;
}
