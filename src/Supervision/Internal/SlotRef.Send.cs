using Actors.Internal;

namespace Actors.Supervision.Internal;

internal sealed partial class SlotRef<TMessage>
{
    public bool TryTell(TMessage message) => Send(message) is OfferResult.Queued or OfferResult.HandedOff;

    public void Tell(TMessage message)
    {
        if (Send(message) == OfferResult.Full) throw new MailboxFullException(Path, Bounds.Capacity ?? 0);
    }

    public ValueTask SendAsync(TMessage message, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled(cancellationToken);
        if (_live is { } live) return live.Ref.SendAsync(message, cancellationToken);
        return Send(message) switch
        {
            OfferResult.Full when Bounds.FullMode == MailboxFullMode.Wait => SendWhenRoomAsync(new Envelope<TMessage>(message, null), cancellationToken),
            OfferResult.Full => ValueTask.FromException(new MailboxFullException(Path, Bounds.Capacity ?? 0)),
            _ => ValueTask.CompletedTask,
        };
    }

    public Task<TReply> AskAsync<TReply>(Func<IReplyTo<TReply>, TMessage> request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (_live is { } live) return live.Ref.AskAsync(request, timeout, cancellationToken);   // the instance's handoff keeps it if it ends first
        ArgumentNullException.ThrowIfNull(request);
        if (timeout is { } t) ActorSystemOptions.ValidateTimeout(t, nameof(timeout));
        if (cancellationToken.IsCancellationRequested) return System.Threading.Tasks.Task.FromCanceled<TReply>(cancellationToken);   // never delivered
        var system = _owner.System;
        var promise = new ReplyPromise<TReply>();
        TMessage message;
        try { message = request(promise); }
        catch (Exception ex) { return System.Threading.Tasks.Task.FromException<TReply>(ex); }   // nothing armed yet, nothing to leak
        promise.Arm(system.TimeProvider, timeout ?? system.Options.AskTimeout, Path, cancellationToken);
        var envelope = new Envelope<TMessage>(message, promise);
        if (SendSlow(envelope) == OfferResult.Full)
        {
            if (Bounds.FullMode == MailboxFullMode.Wait) return AskWhenRoomAsync(envelope, promise, cancellationToken);
            promise.Fail(new MailboxFullException(Path, Bounds.Capacity ?? 0));
        }
        return promise.Task;
    }

    /// <summary>Completes the running instance's mailbox (it then finishes Completed, and its restart policy decides); no effect while none runs.</summary>
    public void Complete() => _live?.Ref.Complete();

    private OfferResult Send(TMessage message) =>
        _live is { } live ? live.Post.Offer(message, null) : SendSlow(new Envelope<TMessage>(message, null));

    /// <summary>No instance runs (or one just started): hold the message, bounded, or deliver it if one is live by now.</summary>
    private OfferResult SendSlow(in Envelope<TMessage> envelope)
    {
        Envelope<TMessage>? dropped = null;
        var reason = DeadLetterReason.MailboxFull;
        OfferResult result;
        lock (_gate)
        {
            if (_mode == Mode.Closed)
            {
                dropped = envelope;
                reason = DeadLetterReason.RecipientFinished;
                result = OfferResult.DeadLettered;
            }
            else if (_mode == Mode.Live && TryEnqueueLiveLocked(envelope, out result)) { }
            else result = HoldLocked(envelope, out dropped);
        }
        if (dropped is { } letter) DeadLetter(letter, reason);
        return result;
    }

    /// <summary>Delivers into the live instance; false (now Holding) if it has finished.</summary>
    private bool TryEnqueueLiveLocked(in Envelope<TMessage> envelope, out OfferResult result)
    {
        result = _live!.Post.TryEnqueue(envelope);
        if (result != OfferResult.Finished) return true;
        _mode = Mode.Holding;
        _live = null;
        return false;
    }

    /// <summary>Holds a new message within the spec's mailbox bound, as its full mode says.</summary>
    private OfferResult HoldLocked(in Envelope<TMessage> envelope, out Envelope<TMessage>? dropped)
    {
        dropped = null;
        if (Bounds.Capacity is not { } capacity || _held.Count < capacity)
        {
            _held.Enqueue(envelope);
            return OfferResult.Queued;
        }
        switch (Bounds.FullMode)
        {
            case MailboxFullMode.DropNewest:
                dropped = envelope;
                return OfferResult.Queued;
            case MailboxFullMode.DropOldest:
                dropped = _held.Dequeue();
                _held.Enqueue(envelope);
                return OfferResult.Queued;
            default:
                return OfferResult.Full;
        }
    }

    private async ValueTask SendWhenRoomAsync(Envelope<TMessage> envelope, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await WaitForRoomAsync(cancellationToken).ConfigureAwait(false) is { } live)
            {
                await live.Post.EnqueueWhenRoomAsync(envelope, cancellationToken).ConfigureAwait(false);
                return;
            }
            if (SendSlow(envelope) != OfferResult.Full) return;
        }
    }

    private async Task<TReply> AskWhenRoomAsync<TReply>(Envelope<TMessage> envelope, ReplyPromise<TReply> promise, CancellationToken cancellationToken)
    {
        await SendWhenRoomAsync(envelope, cancellationToken).ConfigureAwait(false);
        return await promise.Task.ConfigureAwait(false);
    }

    /// <summary>Waits until the held queue has room or an instance is live (then returns it, to wait on its own mailbox).</summary>
    private async Task<LiveTarget?> WaitForRoomAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task room;
            lock (_gate)
            {
                if (_mode == Mode.Live) return _live;
                if (_mode == Mode.Closed || Bounds.Capacity is not { } capacity || _held.Count < capacity) return null;
                room = (_room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
