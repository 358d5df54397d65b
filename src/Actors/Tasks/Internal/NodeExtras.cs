namespace Actors.Internal;

/// <summary>
/// Rarely used per-task state, allocated on first use so an idle actor stays small.
/// Every field is guarded by the system's tree lock unless its comment says otherwise.
/// </summary>
internal sealed class NodeExtras
{
    /// <summary>Live named children by name.</summary>
    public Dictionary<string, ActorTask>? NamedChildren;

    /// <summary>A stop requested inside a DeferStop scope, applied when the scope exits.</summary>
    public StopCause? DeferredStop;

    /// <summary>When set, a stop of this task ends it Failed with this exception (deadline, name overlap).</summary>
    public Exception? StopFailure;

    /// <summary>Completed (never faulted) when the task is final; created on first wait.</summary>
    public TaskCompletionSource? Finished;

    /// <summary>The task's span, when a listener samples it. Touched only by start and finish.</summary>
    public System.Diagnostics.Activity? Activity;

    /// <summary>Timers owned by the task; created and used by the task's own body or handler.</summary>
    public object? Timers;

    /// <summary>Restarts of the child slot this task fills; set by supervisors.</summary>
    public int Restarts;

    /// <summary>Death watches to notify when the task finishes.</summary>
    public List<IWatch>? Watches;

    /// <summary>The failure of the instance this one replaced, set by supervisors; shown by introspection.</summary>
    public Exception? LastFailure;

    /// <summary>Label shown by introspection; may be changed by the task itself.</summary>
    public string? Label;

    /// <summary>The path, built on first read (read without the lock); cleared under it when an ancestor moves up.</summary>
    public volatile string? Path;

    /// <summary>The failure, once the task is Failed.</summary>
    public Exception? Failure;

    /// <summary>Open DeferStop scopes.</summary>
    public int DeferDepth;

    /// <summary>Counts outermost DeferStop scopes, so a stale scope's dispose is ignored.</summary>
    public int DeferEpoch;

    /// <summary>The body's token source, created on the first read of the token; set once by compare-and-swap, read without the lock.</summary>
    public CancellationTokenSource? Cancellation;

    /// <summary>A <c>TaskCompletionSource&lt;TResult&gt;</c> for the typed outcome, created on a read of <c>Completion</c> before the task is final.</summary>
    public object? Outcome;

    /// <summary>The result of a body that returns one (boxed), set before the task is final.</summary>
    public object? Result;
}
