using System.Text;
using Actors.Cluster.Internal;
using NATS.Client.Core;

namespace Actors.Cluster;

public sealed partial class ClusterNode
{
    /// <summary>Publishes queued frames one at a time, in queue order. A frame NATS refuses is dropped (and its ask failed); the loop goes on.</summary>
    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var frame in _outbound.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await _connection.PublishAsync(frame.Subject, frame.Payload, replyTo: frame.ReplyTo, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                if (frame.ReplyTo is { } replyTo && long.TryParse(Subjects.LastToken(replyTo), out var id))
                    Replies.Complete(id, ReplyCodec.Failure(ex));
            }
        }
    }

    /// <summary>Subscribes and starts a loop that hands each message to <paramref name="handle"/>, one at a time, in arrival order.</summary>
    private async Task SubscribeAsync(string subject, Action<NatsMsg<byte[]>> handle, CancellationToken cancellationToken)
    {
        var opts = new NatsSubOpts { ChannelOpts = new NatsSubChannelOpts { Capacity = 65_536, FullMode = global::System.Threading.Channels.BoundedChannelFullMode.Wait } };
        var sub = await _connection.SubscribeCoreAsync<byte[]>(subject, opts: opts, cancellationToken: cancellationToken).ConfigureAwait(false);
        _loops.Add(ReadLoopAsync(sub, handle, cancellationToken));
    }

    /// <summary>Subscribes with <paramref name="handle"/> called on the socket reader for each message, in arrival order (<see cref="InboundSubscription"/>).</summary>
    private async Task SubscribeAsync(string subject, InboundHandler handle, CancellationToken cancellationToken) =>
        await _connection.AddSubAsync(new InboundSubscription(_connection, subject, handle, cancellationToken), cancellationToken).ConfigureAwait(false);

    private static async Task ReadLoopAsync(INatsSub<byte[]> sub, Action<NatsMsg<byte[]>> handle, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var msg in sub.Msgs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try { handle(msg); }
                catch (Exception) { /* a handler never takes the loop down; what it could not deliver it dead-lettered */ }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
        finally { await sub.DisposeAsync().ConfigureAwait(false); }
    }

    /// <summary>A message for an exposed actor: size check, find the target, decode and deliver.</summary>
    private void OnInbox(string subject, string? replyTo, bool noResponders, ReadOnlySpan<byte> payload)
    {
        if (!Subjects.TryParseInbox(subject, out var id, out var suffix))
        {
            Reject(ActorTask, subject, payload.Length, DeadLetterReason.Undecodable, "the subject names no actor", replyTo);
            return;
        }
        if (payload.Length > Options.MaxMessageBytes)
        {
            Reject(ActorTask, subject, payload.Length, DeadLetterReason.TooLarge, $"over MaxMessageBytes ({Options.MaxMessageBytes})", replyTo);
            return;
        }
        if (suffix == "displaced")
        {
            OnDisplaced(id, payload);
            return;
        }
        var target = FindExposed(id);
        if (target is null)
        {
            Reject(ActorTask, subject, payload.Length, DeadLetterReason.RecipientFinished, $"no actor {id} on node {NodeId}", replyTo, notRunning: true);
            return;
        }
        if (suffix == "complete") target.Complete();
        else target.Deliver(subject, payload, replyTo);
    }

    /// <summary>Dead-letters a payload that arrived but cannot be delivered, and answers its ask (if any) with the reason.</summary>
    internal void Reject(ActorTask recipient, string subject, int size, DeadLetterReason reason, string detail, string? replySubject, bool notRunning = false)
    {
        System.DeadLetters.Report(recipient, new RejectedRemoteMessage(subject, size, detail), reason);
        if (replySubject is null) return;
        Exception error = notRunning
            ? new ActorNotRunningException($"{NodeId}/{Subjects.LastToken(subject)}", ActorTaskState.Stopped)
            : new RemoteActorException(reason.ToString(), detail);
        Outbound.TryWrite(new OutFrame(replySubject, ReplyCodec.Failure(error), null));
    }

    private void OnReply(string subject, string? replyTo, bool noResponders, ReadOnlySpan<byte> payload)
    {
        if (!long.TryParse(subject.AsSpan(subject.LastIndexOf('.') + 1), out var id)) return;
        if (noResponders)   // the server says nobody listens on the target's subject: its node is gone
            Replies.Complete(id, ReplyCodec.Failure(new ActorNotRunningException($"(an actor on a node that no longer listens; ask {id})", ActorTaskState.Stopped)));
        else Replies.Complete(id, payload);
    }

    private void OnGone(NatsMsg<byte[]> msg)
    {
        var node = Subjects.LastToken(msg.Subject);
        if (node == NodeId || msg.Data is null) return;
        StopStandIn(new RemoteAddress(node, Encoding.UTF8.GetString(msg.Data)), new StopCause("remote actor finished", $"{node}/{Encoding.UTF8.GetString(msg.Data)}"));
    }
}
