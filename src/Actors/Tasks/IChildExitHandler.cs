namespace Actors;

/// <summary>
/// Told when a child finishes, whatever its state. This is the seam through which supervision
/// (src/Supervision) reacts to failures; the kernel's default, used when a parent has none, is to
/// log a failure that nobody observed. Called once per child, outside every kernel lock, on the
/// thread that finished the child: implementations must not block (post to a mailbox instead).
/// </summary>
public interface IChildExitHandler
{
    /// <summary>A child finished.</summary>
    /// <param name="child">The child; its <see cref="ActorTask.State"/> and <see cref="ActorTask.Failure"/> are final.</param>
    /// <returns>True if the handler takes responsibility for a failure (so it is not logged as unobserved).</returns>
    bool OnChildExited(ActorTask child);
}
