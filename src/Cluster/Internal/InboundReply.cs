using NATS.Client.Core;

namespace Actors.Cluster.Internal;

/// <summary>
/// The slot inside a request that came from another node. The request is delivered as a local ask, so the kernel
/// fails it when handling fails or the recipient has finished. The outcome is published to the asker's reply subject
/// once: a reply or failure given by the handler is published on the handler's thread as it is given (no hop); a failure
/// the kernel gives (the handler threw, the recipient finished, the local ask timed out) when the local ask ends.
/// Without a reply subject (the message came as a tell) answers go nowhere.
/// </summary>
internal sealed class InboundReply<TReply>(ClusterNode node, string? subject) : IReplyTo<TReply>, IInboundReply
{
    private IReplyTo<TReply>? _slot;   // the local ask's slot; set before the message is posted, read by the handler after
    private int _answered;             // 1 once the outcome is published (Interlocked)

    public bool Reply(TReply reply)
    {
        if (_slot is not { } slot || Interlocked.Exchange(ref _answered, 1) == 1) return false;
        Publish(Encode(reply));
        slot.Reply(reply);
        return true;
    }

    public bool Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (_slot is not { } slot || Interlocked.Exchange(ref _answered, 1) == 1) return false;
        Publish(ReplyCodec.Failure(error));
        slot.Fail(error);
        return true;
    }

    public void Deliver(IInboundTarget target, object? message) => target.Relay(this, message);

    public void Relay<TMessage>(IActorRef<TMessage> target, TMessage message)
    {
        var asked = target.AskAsync<TReply>(slot =>
        {
            _slot = slot;
            return message;
        });
        _ = PublishOutcomeAsync(asked);
    }

    /// <summary>Publishes what the kernel's ask ended with, unless the handler answered first.</summary>
    private async Task PublishOutcomeAsync(Task<TReply> asked)
    {
        byte[] payload;
        try { payload = Encode(await asked.ConfigureAwait(false)); }
        catch (Exception ex) { payload = ReplyCodec.Failure(ex); }
        if (Interlocked.Exchange(ref _answered, 1) == 0) Publish(payload);
    }

    private byte[] Encode(TReply value)
    {
        WireScope.BeginWrite(node);
        try { return ReplyCodec.Value(value, node.Codec.TypeInfo<TReply>()); }
        catch (Exception ex) { return ReplyCodec.Failure(ex); }
        finally { WireScope.EndWrite(); }
    }

    /// <summary>Published at once, not through the outbound queue: a reply has no order to keep with the node's other frames.</summary>
    private void Publish(byte[] payload)
    {
        if (subject is null) return;
        ValueTask pending;
        try { pending = node.Connection.PublishAsync(subject, payload); }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException or ObjectDisposedException) { return; }   // at most once: the asker times out
        if (pending.IsCompletedSuccessfully) pending.GetAwaiter().GetResult();
        else _ = ObserveAsync(pending);
    }

    private static async Task ObserveAsync(ValueTask pending)
    {
        try { await pending.ConfigureAwait(false); }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException or ObjectDisposedException) { }
    }
}
