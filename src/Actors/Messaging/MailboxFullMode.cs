namespace Actors;

/// <summary>What a bounded mailbox does with a message that arrives while it is full.</summary>
public enum MailboxFullMode
{
    /// <summary><c>SendAsync</c> waits for room; <c>TryTell</c> returns false; <c>Tell</c> throws <see cref="MailboxFullException"/>. The default.</summary>
    Wait,

    /// <summary>The arriving message is dropped to dead letters; the send reports success.</summary>
    DropNewest,

    /// <summary>The oldest queued message is dropped to dead letters to make room.</summary>
    DropOldest,

    /// <summary>The send throws <see cref="MailboxFullException"/> (<c>TryTell</c> returns false).</summary>
    Fail,
}
