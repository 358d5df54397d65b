using System.Text;
using Actors.Cluster.Internal;
using NATS.Client.Core;

namespace Actors.Cluster;

public sealed partial class ClusterNode
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);   // held while frames are published: by the writer loop, or by a caller publishing inline

    /// <summary>
    /// Sends a frame in order with the node's other frames: published at once on the caller's thread when nothing is
    /// queued or being written (no thread hop), else queued for the writer loop. False if the queue is full.
    /// </summary>
    internal bool TrySend(in OutFrame frame)
    {
        if (_outbound.Reader.Count == 0 && Volatile.Read(ref _left) == 0 && _writeLock.Wait(0))
        {
            if (_outbound.Reader.Count == 0)   // checked again while holding the lock: the writer dequeues only while holding it
            {
                PublishInline(frame);
                return true;
            }
            _writeLock.Release();
        }
        return _outbound.Writer.TryWrite(frame);
    }

    /// <summary>Publishes while holding the write lock; releases it when the publish is done (at once, normally).</summary>
    private void PublishInline(in OutFrame frame)
    {
        ValueTask pending;
        try { pending = _connection.PublishAsync(frame.Subject, frame.Payload, replyTo: frame.ReplyTo, cancellationToken: _stopping.Token); }
        catch (Exception ex)
        {
            _writeLock.Release();
            Unsent(frame, ex);
            return;
        }
        if (pending.IsCompletedSuccessfully)
        {
            pending.GetAwaiter().GetResult();
            _writeLock.Release();
        }
        else _ = FinishInlineAsync(pending, frame);
    }

    private async Task FinishInlineAsync(ValueTask pending, OutFrame frame)
    {
        try { await pending.ConfigureAwait(false); }
        catch (Exception ex) { Unsent(frame, ex); }
        finally { _writeLock.Release(); }
    }

    /// <summary>Publishes queued frames in queue order, holding the write lock while it drains. A frame NATS refuses is dropped (and its ask failed); the loop goes on.</summary>
    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    while (reader.TryRead(out var frame))
                    {
                        try { await _connection.PublishAsync(frame.Subject, frame.Payload, replyTo: frame.ReplyTo, cancellationToken: cancellationToken).ConfigureAwait(false); }
                        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { return; }
                        catch (Exception ex) { Unsent(frame, ex); }
                    }
                }
                finally { _writeLock.Release(); }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
    }

    /// <summary>A frame NATS refused: dropped (at most once); an ask waiting for its reply fails with the reason.</summary>
    private void Unsent(in OutFrame frame, Exception error)
    {
        if (frame.ReplyTo is { } replyTo && long.TryParse(Subjects.LastToken(replyTo), out var id))
            Replies.Complete(id, ReplyCodec.Failure(error));
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
