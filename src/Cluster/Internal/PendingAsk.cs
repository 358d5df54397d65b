using System.Text.Json.Serialization.Metadata;

namespace Actors.Cluster.Internal;

/// <summary>
/// One ask to a remote actor: the slot the request is built around and the asker's task. Settles once:
/// by the reply, the deadline, the caller's token, or a send failure; then leaves the reply table.
/// </summary>
internal sealed class PendingAsk<TReply> : TaskCompletionSource<TReply>, IReplyTo<TReply>, IPendingReply
{
    private readonly JsonTypeInfo<TReply> _typeInfo;   // decodes the reply
    private ITimer? _deadline;                         // disposed when settled
    private CancellationTokenRegistration _abandon;    // the caller's token

    public PendingAsk(ClusterNode node, JsonTypeInfo<TReply> typeInfo)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Node = node;
        _typeInfo = typeInfo;
        Id = node.Replies.Add(this);
    }

    public ClusterNode Node { get; }

    public long Id { get; }

    public void Arm(TimeSpan timeout, string target, CancellationToken cancellationToken)
    {
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _deadline = Node.System.Options.TimeProvider.CreateTimer(static s =>
            {
                var (ask, target, timeout) = ((PendingAsk<TReply>, string, TimeSpan))s!;
                ask.Fail(new ActorTimeoutException($"Ask to {target} got no reply within {timeout}."));
            }, (this, target, timeout), timeout, Timeout.InfiniteTimeSpan);
        }
        if (cancellationToken.CanBeCanceled)
            _abandon = cancellationToken.UnsafeRegister(static (s, ct) => ((PendingAsk<TReply>)s!).Settle(ct), this);
    }

    public bool Reply(TReply reply) => Settled(TrySetResult(reply));

    public bool Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Settled(TrySetException(error));
    }

    void IPendingReply.Fail(Exception error) => Fail(error);

    public void Complete(ReadOnlySpan<byte> payload)
    {
        TReply value;
        WireScope.BeginRead(Node, null);
        try { value = ReplyCodec.Decode(payload, _typeInfo); }
        catch (Exception ex)
        {
            WireScope.EndRead();
            Fail(ex);
            return;
        }
        WireScope.EndRead();
        Reply(value);
    }

    private void Settle(CancellationToken token) => Settled(TrySetCanceled(token));

    private bool Settled(bool won)
    {
        if (!won) return false;
        _deadline?.Dispose();
        _abandon.Dispose();
        Node.Replies.Remove(Id);
        return true;
    }
}
