namespace Actors.Supervision.Internal;

/// <summary>What a supervisor's loop handles, one at a time.</summary>
internal abstract record SupervisorEvent;

/// <summary>A child instance finished (posted by the kernel through the exit handler).</summary>
internal sealed record ChildExited(ActorTask Task) : SupervisorEvent;

/// <summary>
/// A slot's restart sequence asks for its next attempt (after Polly's delay): start the slot's pending
/// group in spec order; the reply is the new instance's outcome, or null if a start failed. Stale if the
/// slot's generation moved on. No reply for an immediate restart (a backoff without delays): the loop posts
/// the next attempt itself if a start fails.
/// </summary>
internal sealed record RestartAttempt(ChildSlot Slot, int Generation, TaskCompletionSource<TaskCompletionSource<bool>?>? Reply) : SupervisorEvent;

/// <summary>A stop reached the supervisor: stop the children in reverse spec order.</summary>
internal sealed record ShutdownRequested(StopCause Cause) : SupervisorEvent;

/// <summary>An administration request; the reply slot answers the caller.</summary>
internal sealed record AdminRequest(AdminKind Kind, string? Id, ChildSpec? Spec, IReplyTo<object> Reply, Actors.Internal.IWatch? Watch = null) : SupervisorEvent;

/// <summary>Which administration request.</summary>
internal enum AdminKind { Start, Terminate, Restart, Delete, Which, Count, Watch, ResetRestarts }
