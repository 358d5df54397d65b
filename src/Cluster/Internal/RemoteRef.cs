using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Actors.Cluster.Internal;

/// <summary>
/// A reference to an actor on another node. Messages are encoded on the caller's thread and queued,
/// in call order, for the node's single NATS writer, so one sender's messages arrive in order.
/// <see cref="ActorTask"/> is a local stand-in that finishes when the remote actor or its node is gone.
/// </summary>
internal sealed class RemoteRef<TMessage>(ClusterNode node, RemoteAddress address, JsonTypeInfo<TMessage> typeInfo, ActorTask standIn) : IActorRef<TMessage>
{
    private readonly string _subject = node.Subjects.To(address);   // where its messages go

    public RemoteAddress Address => address;

    public ActorTask ActorTask => standIn;

    public bool TryTell(TMessage message) => Encode(message, out var frame) && node.TrySend(frame);

    public void Tell(TMessage message)
    {
        if (Encode(message, out var frame) && !node.TrySend(frame))
            throw new MailboxFullException(address.ToString(), node.Options.OutboundCapacity);
    }

    public async ValueTask SendAsync(TMessage message, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Encode(message, out var frame) && !node.TrySend(frame)) await node.Outbound.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
    }

    public Task<TReply> AskAsync<TReply>(Func<IReplyTo<TReply>, TMessage> request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (timeout is { } t && t != Timeout.InfiniteTimeSpan && t <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), t, "An ask timeout must be positive; pass Timeout.InfiniteTimeSpan for none or null for the system's AskTimeout.");
        var ask = new PendingAsk<TReply>(node, node.Codec.TypeInfo<TReply>());
        ask.Arm(timeout ?? node.System.Options.AskTimeout, address.ToString(), cancellationToken);
        var message = request(ask);
        if (standIn.IsFinished)
        {
            ReportFinished(message);
            ask.Fail(new ActorNotRunningException(address.ToString(), ActorTaskState.Stopped));
        }
        else if (Encode(message, out var frame, ask.Id) && !node.TrySend(frame))
            ask.Fail(new MailboxFullException(address.ToString(), node.Options.OutboundCapacity));
        return ask.Task;
    }

    public void Complete()
    {
        if (!standIn.IsFinished) node.TrySend(new OutFrame(_subject + ".complete", [], null));
    }

    /// <summary>Encodes a message into a frame; false if it was dead-lettered (recipient gone, too large).</summary>
    /// <exception cref="InvalidOperationException">The message type is not declared to the cluster's serializers.</exception>
    private bool Encode(TMessage message, out OutFrame frame, long askId = 0)
    {
        frame = default;
        if (askId == 0 && standIn.IsFinished)
        {
            ReportFinished(message);
            return false;
        }
        byte[] payload;
        long replyId;
        WireScope.BeginWrite(node);
        try { payload = JsonSerializer.SerializeToUtf8Bytes(message, typeInfo); }
        catch (Exception ex) when (ex is NotSupportedException or JsonException)
        {
            throw new InvalidOperationException($"Could not encode {message?.GetType().Name} for {address}: {ex.Message} Declare every message type (and its derived types with [JsonDerivedType]) in a JsonSerializerContext in ClusterOptions.Serializers.", ex);
        }
        finally { replyId = WireScope.EndWrite(); }
        if (payload.Length > node.Options.MaxMessageBytes)
        {
            node.System.DeadLetters.Report(standIn, message, DeadLetterReason.TooLarge);
            if (replyId != 0) node.Replies.Complete(replyId, ReplyCodec.Failure(new InvalidOperationException($"The message is {payload.Length} bytes encoded, over ClusterOptions.MaxMessageBytes ({node.Options.MaxMessageBytes}).")));
            return false;
        }
        frame = new OutFrame(_subject, payload, replyId == 0 ? null : node.Subjects.Reply(replyId));
        return true;
    }

    private void ReportFinished(TMessage message) => node.System.DeadLetters.Report(standIn, message, DeadLetterReason.RecipientFinished);
}
