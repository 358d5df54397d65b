namespace Actors.Internal;

/// <summary>The message type of a task without a mailbox; it has no values, so nothing can be sent.</summary>
internal sealed class NoMessage
{
    private NoMessage() { }
}
