namespace Actors;

/// <summary>Why a message became a dead letter.</summary>
public enum DeadLetterReason
{
    /// <summary>The recipient had finished (or finished before handling it).</summary>
    RecipientFinished,

    /// <summary>A bounded mailbox in a drop mode discarded it.</summary>
    MailboxFull,
}
