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
    public string? LastFailure;

    /// <summary>Label shown by introspection; may be changed by the task itself.</summary>
    public string? Label;
}
