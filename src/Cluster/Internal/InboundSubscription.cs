using System.Buffers;
using NATS.Client.Core;

namespace Actors.Cluster.Internal;

/// <summary>
/// A subscription whose messages are handled on the connection's socket reader, in arrival order, with no channel
/// and no thread hop in between, and no copy of the payload (unless it spans two of the reader's buffers). The handler
/// must be quick and never wait: it decodes and hands the message to a mailbox or a waiting ask, and dead-letters what it
/// cannot deliver. The node's hot subscriptions (its inbox and its replies) use it. Resubscribed on reconnect by
/// the client; ends when the node's token is cancelled or the connection closes.
/// </summary>
internal sealed class InboundSubscription(NatsConnection connection, string subject, InboundHandler handler, CancellationToken cancellationToken)
    : NatsSubBase(connection, connection.SubscriptionManager, subject, queueGroup: null, opts: null, cancellationToken)
{
    protected override ValueTask ReceiveInternalAsync(string subject, string? replyTo, ReadOnlySequence<byte>? headersBuffer, ReadOnlySequence<byte> payloadBuffer)
    {
        var noResponders = headersBuffer is { } headers && IsNoResponders(headers);
        try
        {
            if (payloadBuffer.IsSingleSegment) handler(subject, replyTo, noResponders, payloadBuffer.FirstSpan);
            else Copied(subject, replyTo, noResponders, payloadBuffer);
        }
        catch (Exception) { /* a handler never takes the reader down; what it could not deliver it dead-lettered */ }
        return ValueTask.CompletedTask;
    }

    protected override void TryComplete() { }

    private void Copied(string subject, string? replyTo, bool noResponders, ReadOnlySequence<byte> payload)
    {
        var length = checked((int)payload.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            payload.CopyTo(rented);
            handler(subject, replyTo, noResponders, rented.AsSpan(0, length));
        }
        finally { ArrayPool<byte>.Shared.Return(rented); }
    }

    /// <summary>The server's "no responders" status (<c>NATS/1.0 503</c>): nobody listens on the request's subject.</summary>
    private static bool IsNoResponders(ReadOnlySequence<byte> headers)
    {
        Span<byte> start = stackalloc byte[12];
        if (headers.Length < start.Length) return false;
        headers.Slice(0, start.Length).CopyTo(start);
        return start.SequenceEqual("NATS/1.0 503"u8);
    }
}
