namespace Actors.Internal;

internal sealed partial class ActorCell<TMessage, TResult> : IEnvelopeTarget<TMessage>
{
    /// <summary>Who takes what this instance cannot deliver (set by supervisors), or null for dead letters.</summary>
    private MailboxHandoff<TMessage>? Handoff => Options.Handoff as MailboxHandoff<TMessage>;

    public OfferResult Offer(TMessage message, IReplySink? reply)
    {
        var envelope = new Envelope<TMessage>(message, Trace(reply));
        var result = TryEnqueue(envelope);
        if (result != OfferResult.Finished) return result;
        if (Handoff is { } handoff && handoff.TakeLate(envelope)) return OfferResult.HandedOff;
        Discard(envelope, DeadLetterReason.RecipientFinished);
        return OfferResult.DeadLettered;
    }

    public OfferResult TryEnqueue(in Envelope<TMessage> envelope)
    {
        if (!IsFinished && TryWriteMailbox(envelope, out var fenced))
        {
            if (_handler is not null) Schedule(fenced: fenced);
            return OfferResult.Queued;
        }
        return !IsFinished && !_closedForWriting ? OfferResult.Full : OfferResult.Finished;
    }

    public ValueTask EnqueueWhenRoomAsync(Envelope<TMessage> envelope, CancellationToken cancellationToken) => SendSlowAsync(envelope, cancellationToken);

    /// <summary>Hands the messages still queued to the handoff, in order (dead letters for those it refuses), then tells it the drain is over.</summary>
    private void HandOffQueued(System.Threading.Channels.Channel<Envelope<TMessage>> mailbox, MailboxHandoff<TMessage> handoff)
    {
        while (mailbox.Reader.TryRead(out var envelope))
            if (!handoff.TakeQueued(envelope)) Discard(envelope, DeadLetterReason.RecipientFinished);
        handoff.Drained();
    }
}
