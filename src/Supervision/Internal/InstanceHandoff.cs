using Actors.Internal;

namespace Actors.Supervision.Internal;

/// <summary>
/// One instance's handoff to its slot reference: the kernel gives it what the finished instance could
/// not deliver. Its lists and flag are guarded by the slot reference's lock.
/// </summary>
internal sealed class InstanceHandoff<TMessage>(SlotRef<TMessage> slot) : MailboxHandoff<TMessage>, IInstanceHandoff
{
    private object? _failedMessage;   // written by the failing turn before the instance closes (Volatile)

    /// <summary>Messages still queued at close, in mailbox order; guarded by the slot's lock.</summary>
    public List<Envelope<TMessage>>? Queued;

    /// <summary>Messages posted after close but before the drain ended; guarded by the slot's lock.</summary>
    public List<Envelope<TMessage>>? Late;

    /// <summary>The drain is over: later messages go straight to the slot; guarded by the slot's lock.</summary>
    public bool IsDrained;

    public object? FailedMessage => Volatile.Read(ref _failedMessage);

    public override bool TakeQueued(in Envelope<TMessage> envelope) => slot.TakeQueued(this, envelope);

    public override void Drained() => slot.Drained(this);

    public override bool TakeLate(in Envelope<TMessage> envelope) => slot.TakeLate(this, envelope);

    public override void Failed(TMessage message) => Volatile.Write(ref _failedMessage, message);
}
