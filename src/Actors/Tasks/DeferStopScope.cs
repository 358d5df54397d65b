namespace Actors;

/// <summary>
/// A section during which a stop is remembered instead of applied; disposing the scope applies it.
/// A second stop inside the scope is applied at once. Nested scopes act as one. Obtain one from
/// <see cref="ActorContext.DeferStop"/>; dispose it exactly once, from the task's own body.
/// </summary>
public readonly struct DeferStopScope : IDisposable
{
    private readonly ActorTask? _task;

    internal DeferStopScope(ActorTask task, int depth)
    {
        _task = depth > 0 ? task : null;
    }

    /// <summary>Leaves the scope, applying a stop that arrived inside it once the outermost scope exits.</summary>
    public void Dispose() => _task?.ExitDeferStop();
}
