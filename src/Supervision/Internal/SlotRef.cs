using Actors.Internal;

namespace Actors.Supervision.Internal;

/// <summary>
/// The one reference of a supervised child slot, for the life of the slot: sends reach the running
/// instance; while the slot restarts they are held (bounded by the spec's mailbox) and delivered to the
/// next instance first; messages a finished instance still had queued come back through its
/// <see cref="InstanceHandoff{TMessage}"/> (unless the spec drops them); when the slot ends for good
/// everything goes to dead letters.
/// <para>Modes: Holding (before the first start, and between an instance's end and the next start)
/// → Live (an instance runs; sends go straight to it, no lock) → Holding …; any → Closed (ended for good)
/// → Live again only through an administrative restart.</para>
/// <para>Order per sender: an instance's queued messages, then the ones that reached it after it closed,
/// then the ones held meanwhile. Delivery into an instance happens under <see cref="_gate"/> with
/// <see cref="IEnvelopeTarget{TMessage}.TryEnqueue"/>, which runs no user code (one exception: a
/// bounded DropOldest/DropNewest mailbox publishes the dropped message to dead-letter subscribers from
/// inside the write; the lock is reentrant, so a subscriber that sends here does not deadlock).</para>
/// </summary>
internal sealed partial class SlotRef<TMessage> : IActorRef<TMessage>, ISlotRef
{
    private enum Mode { Holding, Live, Closed }

    private sealed record LiveTarget(IEnvelopeTarget<TMessage> Post, IActorRef<TMessage> Ref);

    private readonly Lock _gate = new();                          // guards every field below except _live
    private readonly ChildSpec<TMessage> _spec;                   // immutable
    private readonly SupervisorCore _owner;                       // immutable
    private readonly Queue<Envelope<TMessage>> _held = new();     // waiting for the next instance, in order
    private volatile LiveTarget? _live;                           // non-null exactly in Live: the lock-free send path
    private Mode _mode;                                           // Holding until the first instance starts
    private InstanceHandoff<TMessage>? _current;                  // the latest instance's handoff
    private ActorTask? _instance;                                 // the latest instance
    private TaskCompletionSource? _room;                          // senders waiting for room in _held (Wait mode)

    public SlotRef(ChildSpec<TMessage> spec, SupervisorCore owner)
    {
        _spec = spec;
        _owner = owner;
    }

    public Type MessageType => typeof(TMessage);

    public ActorTask? Instance
    {
        get { lock (_gate) return _instance; }
    }

    /// <summary>The running (or latest) instance.</summary>
    /// <exception cref="InvalidOperationException">No instance has started yet.</exception>
    public ActorTask ActorTask => Instance ?? throw new InvalidOperationException(
        $"Child '{_spec.Id}' of {_owner.Path} has no instance yet (it has not started, or its start answered ignore); its reference holds messages until one starts.");

    private string Path => $"{_owner.Path}/{_spec.Id}";

    private MailboxOptions Bounds => _spec.Options.Mailbox;

    public IInstanceHandoff NewHandoff() => new InstanceHandoff<TMessage>(this);

    public void Attach(ActorTask instance, IInstanceHandoff? handoff)
    {
        if (instance is not IEnvelopeTarget<TMessage> post || instance is not IActorRef<TMessage> reference)
            throw new InvalidOperationException($"Child '{_spec.Id}' must spawn an actor that receives exactly {typeof(TMessage).Name}; its start function spawned {instance.Path}, which does not.");
        var target = new LiveTarget(post, reference);
        List<Envelope<TMessage>>? overflow = null;
        TaskCompletionSource? room;
        lock (_gate)
        {
            _current = handoff as InstanceHandoff<TMessage>;
            _instance = instance;
            _mode = Deliver(target, ref overflow) ? Mode.Live : Mode.Holding;
            _live = _mode == Mode.Live ? target : null;
            room = TakeRoomLocked();
        }
        DeadLetterAll(overflow, DeadLetterReason.MailboxFull);
        room?.TrySetResult();
    }

    public void Close()
    {
        Envelope<TMessage>[] held;
        TaskCompletionSource? room;
        lock (_gate)
        {
            _mode = Mode.Closed;
            _live = null;
            held = [.. _held];
            _held.Clear();
            room = TakeRoomLocked();
        }
        foreach (var envelope in held) DeadLetter(envelope, DeadLetterReason.RecipientFinished);
        room?.TrySetResult();
    }

    /// <summary>Moves held messages into <paramref name="target"/> in order; false (the rest kept) if it has finished. Holds the lock.</summary>
    private bool Deliver(LiveTarget target, ref List<Envelope<TMessage>>? overflow)
    {
        while (_held.TryPeek(out var envelope))
        {
            var result = target.Post.TryEnqueue(envelope);
            if (result == OfferResult.Finished) return false;   // its drain will put its own messages before these
            _held.Dequeue();
            if (result == OfferResult.Full) (overflow ??= []).Add(envelope);
        }
        return true;
    }

    private TaskCompletionSource? TakeRoomLocked()
    {
        var room = _room;
        _room = null;
        return room;
    }

    private void DeadLetterAll(List<Envelope<TMessage>>? envelopes, DeadLetterReason reason)
    {
        if (envelopes is null) return;
        foreach (var envelope in envelopes) DeadLetter(envelope, reason);
    }

    /// <summary>Fails an ask with what the kernel would say, and publishes the dead letter. Never under the lock: subscribers are user code.</summary>
    private void DeadLetter(in Envelope<TMessage> envelope, DeadLetterReason reason)
    {
        var reply = envelope.Reply;
        if (reply is not null)
        {
            Exception error = reason == DeadLetterReason.RecipientFinished
                ? new ActorNotRunningException(Path, Instance is { IsFinished: true } last ? last.State : ActorTaskState.Stopped)
                : new MailboxFullException(Path, Bounds.Capacity ?? 0);
            reply.Fail(error);
        }
        _owner.System.DeadLetters.Publish(Instance ?? _owner.Self, envelope.Message, reason);
    }
}
