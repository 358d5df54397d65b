namespace Actors;

/// <summary>Whether a task keeps its parent and the system alive.</summary>
public enum ActorLifetime
{
    /// <summary>The task keeps its parent and the system alive until it finishes. The default.</summary>
    Normal,

    /// <summary>
    /// The task keeps nothing alive (Ruby Async's meaning): when its parent finishes it moves to the
    /// grandparent, a stop of its parent moves it up instead of stopping it, waits for "all children"
    /// skip it, and it is stopped once only transient tasks remain in the system.
    /// </summary>
    Transient,
}
