namespace Actors.Internal;

/// <summary>
/// Envelope meta for a message that may be withdrawn while queued (a cancelled timer's tick, a
/// notice of a cancelled watch): the mailbox drops it unhandled when <see cref="IsCurrent"/> is false.
/// </summary>
internal abstract class ConditionalMeta
{
    /// <summary>False once the message was withdrawn.</summary>
    public abstract bool IsCurrent { get; }

    /// <summary>Called once the message was handled, received or dropped.</summary>
    public virtual void Settled() { }
}
