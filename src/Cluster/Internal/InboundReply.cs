using NATS.Client.Core;

namespace Actors.Cluster.Internal;

/// <summary>
/// The slot inside a request that came from another node. The request is delivered as a local ask,
/// so the kernel fails it when handling fails or the recipient has finished; the outcome is published
/// to the asker's reply subject. Without a reply subject (the message came as a tell) answers go nowhere.
/// </summary>
internal sealed class InboundReply<TReply>(ClusterNode node, string? subject) : IReplyTo<TReply>, IInboundReply
{
    private IReplyTo<TReply>? _slot;   // the local ask's slot; set before the message is posted, read by the handler after

    public bool Reply(TReply reply) => _slot?.Reply(reply) ?? false;

    public bool Fail(Exception error) => _slot?.Fail(error) ?? false;

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

    private async Task PublishOutcomeAsync(Task<TReply> asked)
    {
        byte[] payload;
        try
        {
            var value = await asked.ConfigureAwait(false);
            WireScope.BeginWrite(node);
            try { payload = ReplyCodec.Value(value, node.Codec.TypeInfo<TReply>()); }
            finally { WireScope.EndWrite(); }
        }
        catch (Exception ex) { payload = ReplyCodec.Failure(ex); }
        // Published at once, not through the outbound queue: a reply has no order to keep with the node's other frames.
        try { await node.Connection.PublishAsync(subject!, payload).ConfigureAwait(false); }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException or ObjectDisposedException) { }   // at most once: the asker times out
    }
}
