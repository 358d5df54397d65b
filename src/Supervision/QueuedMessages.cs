namespace Actors.Supervision;

/// <summary>What happens to the messages still queued in a child's mailbox when its instance ends and the slot restarts.</summary>
public enum QueuedMessages
{
    /// <summary>They wait for the next instance, in order (the message being handled when it failed is not redelivered). The default.</summary>
    Keep,

    /// <summary>They go to dead letters (an ask among them fails with <see cref="ActorNotRunningException"/>); messages sent after the end are still held for the next instance.</summary>
    Drop,
}
