namespace Actors;

/// <summary>Why a message became a dead letter.</summary>
public enum DeadLetterReason
{
    /// <summary>The recipient had finished (or finished before handling it).</summary>
    RecipientFinished,

    /// <summary>A bounded mailbox in a drop mode discarded it.</summary>
    MailboxFull,

    /// <summary>A transport refused it for its size (reported through <see cref="DeadLetters.Report"/>).</summary>
    TooLarge,

    /// <summary>A transport could not decode it, or it named no known recipient (reported through <see cref="DeadLetters.Report"/>).</summary>
    Undecodable,
}
