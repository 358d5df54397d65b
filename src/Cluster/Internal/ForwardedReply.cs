using System.Text.Json.Serialization.Metadata;

namespace Actors.Cluster.Internal;

/// <summary>
/// A reply slot from elsewhere (a local ask's slot forwarded inside a message to a remote actor): the
/// remote answer is passed on to it. Forgotten after the system's ask timeout if no answer comes.
/// </summary>
internal sealed class ForwardedReply<TReply> : IPendingReply
{
    private readonly ClusterNode _node;                // owns the reply table
    private readonly IReplyTo<TReply> _inner;          // the slot answered
    private readonly JsonTypeInfo<TReply> _typeInfo;   // decodes the reply
    private readonly ITimer? _expiry;                  // removes the entry if no reply comes

    public ForwardedReply(ClusterNode node, IReplyTo<TReply> inner, JsonTypeInfo<TReply> typeInfo)
    {
        _node = node;
        _inner = inner;
        _typeInfo = typeInfo;
        Id = node.Replies.Add(this);
        var keep = node.System.Options.AskTimeout;
        if (keep != Timeout.InfiniteTimeSpan)
            _expiry = node.System.Options.TimeProvider.CreateTimer(static s => ((ForwardedReply<TReply>)s!).Forget(), this, keep, Timeout.InfiniteTimeSpan);
    }

    public long Id { get; }

    public void Complete(ReadOnlySpan<byte> payload)
    {
        Forget();
        TReply value;
        WireScope.BeginRead(_node, null);
        try { value = ReplyCodec.Decode(payload, _typeInfo); }
        catch (Exception ex)
        {
            WireScope.EndRead();
            _inner.Fail(ex);
            return;
        }
        WireScope.EndRead();
        _inner.Reply(value);
    }

    public void Fail(Exception error)
    {
        Forget();
        _inner.Fail(error);
    }

    private void Forget()
    {
        _expiry?.Dispose();
        _node.Replies.Remove(Id);
    }
}
