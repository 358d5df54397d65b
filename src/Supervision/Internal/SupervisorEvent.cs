namespace Actors.Supervision.Internal;

/// <summary>What a supervisor's loop handles, one at a time.</summary>
internal abstract record SupervisorEvent;

/// <summary>A child instance finished (posted by the kernel through the exit handler).</summary>
internal sealed record ChildExited(ActorTask Task) : SupervisorEvent;

/// <summary>A delayed restart produced an instance (or gave up); stale if the slot's generation moved on.</summary>
internal sealed record RestartCompleted(ChildSlot Slot, int Generation, ActorTask? Task, Exception? Error) : SupervisorEvent;

/// <summary>A stop reached the supervisor: stop the children in reverse spec order, then signal.</summary>
internal sealed record ShutdownRequested(StopCause Cause, TaskCompletionSource Done) : SupervisorEvent;

/// <summary>An administration request; the reply slot answers the caller.</summary>
internal sealed record AdminRequest(AdminKind Kind, string? Id, ChildSpec? Spec, IReplyTo<object> Reply, Actors.Internal.IWatch? Watch = null) : SupervisorEvent;

/// <summary>Which administration request.</summary>
internal enum AdminKind { Start, Terminate, Restart, Delete, Which, Count, Watch, ResetRestarts }
