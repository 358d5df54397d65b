using Actors.Internal;

namespace Actors.Supervision.Internal;

internal sealed partial class SlotRef<TMessage>
{
    /// <summary>A message the finished instance still had queued: kept for the next one unless the spec drops it.</summary>
    public bool TakeQueued(InstanceHandoff<TMessage> from, in Envelope<TMessage> envelope)
    {
        if (_spec.QueuedOnRestart == QueuedMessages.Drop || !IsPortable(envelope)) return false;
        lock (_gate) (from.Queued ??= []).Add(envelope);
        return true;
    }

    /// <summary>A message that reached a finished instance: after that instance's queued ones, then wherever the slot is now.</summary>
    public bool TakeLate(InstanceHandoff<TMessage> from, in Envelope<TMessage> envelope)
    {
        if (!IsPortable(envelope)) return false;
        Envelope<TMessage>? overflow = null;
        lock (_gate)
        {
            if (!from.IsDrained) (from.Late ??= []).Add(envelope);
            else if (_mode == Mode.Closed) return false;
            else
            {
                if (ReferenceEquals(from, _current) && _mode == Mode.Live) EndLiveLocked();
                if (_mode != Mode.Live || !TryEnqueueLiveLocked(envelope, out var result)) _held.Enqueue(envelope);
                else if (result == OfferResult.Full) overflow = envelope;
            }
        }
        if (overflow is { } letter) DeadLetter(letter, DeadLetterReason.MailboxFull);
        return true;
    }

    /// <summary>The instance's drain is over: its messages go ahead of anything held since.</summary>
    public void Drained(InstanceHandoff<TMessage> from)
    {
        List<Envelope<TMessage>>? dead = null, overflow = null;
        lock (_gate)
        {
            from.IsDrained = true;
            List<Envelope<TMessage>> mine = [.. from.Queued ?? [], .. from.Late ?? []];
            from.Queued = from.Late = null;
            if (ReferenceEquals(from, _current) && _mode == Mode.Live) EndLiveLocked();
            if (_mode == Mode.Closed) dead = mine;
            else if (mine.Count > 0)
            {
                List<Envelope<TMessage>> rest = [.. _held];
                _held.Clear();
                foreach (var envelope in mine) _held.Enqueue(envelope);
                foreach (var envelope in rest) _held.Enqueue(envelope);
                if (_mode == Mode.Live && !Deliver(_live!, ref overflow)) EndLiveLocked();   // a newer instance already runs (the old one was abandoned)
            }
        }
        DeadLetterAll(dead, DeadLetterReason.RecipientFinished);
        DeadLetterAll(overflow, DeadLetterReason.MailboxFull);
    }

    /// <summary>The live instance has finished: hold until the next one.</summary>
    private void EndLiveLocked()
    {
        _mode = Mode.Holding;
        _live = null;
    }

    /// <summary>Timer ticks and watch notices belong to their instance; a nested supervisor keeps only requests.</summary>
    private bool IsPortable(in Envelope<TMessage> envelope) =>
        envelope.Meta is not ConditionalMeta && (_spec.Portable is not { } portable || portable(envelope.Message));
}
