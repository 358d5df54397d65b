namespace Actors;

public sealed partial class DeadLetters
{
    /// <summary>
    /// Records a message that another component (a transport such as the cluster) could not deliver:
    /// counted and handed to subscribers like the kernel's own dead letters.
    /// </summary>
    /// <param name="recipient">The task it was meant for, or the task that stands for the unknown recipient (a node's endpoint).</param>
    /// <param name="message">The message, or a description of it when it could not be decoded.</param>
    /// <param name="reason">Why it was not delivered.</param>
    /// <exception cref="ArgumentNullException"><paramref name="recipient"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="recipient"/> belongs to another system.</exception>
    public void Report(ActorTask recipient, object? message, DeadLetterReason reason)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (!ReferenceEquals(recipient.System, _system))
            throw new ArgumentException("Report a dead letter on the system its recipient belongs to (recipient.System.DeadLetters).", nameof(recipient));
        Publish(recipient, message, reason);
    }
}
