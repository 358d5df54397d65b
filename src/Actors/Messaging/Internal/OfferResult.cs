namespace Actors.Internal;

/// <summary>Where an offered message went.</summary>
internal enum OfferResult
{
    /// <summary>Into the instance's mailbox (or dropped by its full mode, as a tell would be).</summary>
    Queued,

    /// <summary>Refused: a bounded mailbox is full and its mode is Wait or Fail.</summary>
    Full,

    /// <summary>The instance had finished; nothing was done with the message (only from <see cref="IEnvelopeTarget{TMessage}.TryEnqueue"/>).</summary>
    Finished,

    /// <summary>The instance had finished; its handoff took the message.</summary>
    HandedOff,

    /// <summary>The instance had finished and nobody took the message: it is a dead letter now.</summary>
    DeadLettered,
}
