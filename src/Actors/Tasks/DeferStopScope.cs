namespace Actors;

/// <summary>
/// A section during which a stop is remembered instead of applied; disposing the scope applies it.
/// A second stop inside the scope is applied at once. Nested scopes act as one. Obtain one from
/// <see cref="ActorContext.DeferStop"/> and dispose it from the task's own body.
/// </summary>
public readonly struct DeferStopScope : IDisposable
{
    private readonly ActorTask? _task;   // null when the scope had no effect (opened on a finished task)
    private readonly int _depth;         // 1 for an outermost scope
    private readonly int _epoch;         // which outermost scope this one belongs to

    internal DeferStopScope(ActorTask task, int depth, int epoch)
    {
        _task = task;
        _depth = depth;
        _epoch = epoch;
    }

    /// <summary>
    /// Leaves the scope, applying a stop that arrived inside it once the outermost scope exits. Disposing
    /// a scope again, or after its outer scope was disposed, has no effect.
    /// </summary>
    public void Dispose() => _task?.ExitDeferStop(_depth, _epoch);
}
