namespace Actors;

/// <summary>When a spawned task begins.</summary>
public enum StartMode
{
    /// <summary>At once: a process body is queued to the thread pool, a handler actor accepts messages. The default.</summary>
    Immediate,

    /// <summary>The task stays <see cref="ActorTaskState.Initialized"/> until <see cref="ActorTask.Start"/> is called; messages queue meanwhile.</summary>
    Manual,
}
