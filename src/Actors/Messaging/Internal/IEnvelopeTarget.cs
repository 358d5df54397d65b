namespace Actors.Internal;

/// <summary>What a slot reference needs from an instance: posting with a precise outcome, envelopes included.</summary>
/// <typeparam name="TMessage">The instance's messages.</typeparam>
internal interface IEnvelopeTarget<TMessage>
{
    /// <summary>Posts a message (traced like a tell or an ask) and says where it went.</summary>
    OfferResult Offer(TMessage message, IReplySink? reply);

    /// <summary>Queues an envelope that was held elsewhere (its meta kept): Queued, Full, or Finished (then nothing was done with it). Runs no user code.</summary>
    OfferResult TryEnqueue(in Envelope<TMessage> envelope);

    /// <summary>Queues an envelope, waiting for room in a bounded mailbox; one that finds the instance finished goes to its handoff or to dead letters.</summary>
    ValueTask EnqueueWhenRoomAsync(Envelope<TMessage> envelope, CancellationToken cancellationToken);
}
