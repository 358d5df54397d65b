using System.Collections.Concurrent;

namespace Actors.Cluster.Internal;

/// <summary>The replies a node waits for, by ask id (ids start at 1; 0 means none).</summary>
internal sealed class ReplyTable(ClusterNode node)
{
    private readonly ConcurrentDictionary<long, IPendingReply> _pending = new();   // lock-free; entries remove themselves when settled
    private long _lastId;                                                          // Interlocked

    public int Count => _pending.Count;

    public long Add(IPendingReply reply)
    {
        var id = Interlocked.Increment(ref _lastId);
        _pending[id] = reply;
        return id;
    }

    public void Remove(long id) => _pending.TryRemove(id, out _);

    /// <summary>Registers a foreign slot so a remote answer reaches it.</summary>
    public long Forward<TReply>(IReplyTo<TReply> slot) => new ForwardedReply<TReply>(node, slot, node.Codec.TypeInfo<TReply>()).Id;

    /// <summary>Hands a reply payload to its ask; a reply for an ask that has settled (timed out) is dropped.</summary>
    public void Complete(long id, ReadOnlySpan<byte> payload)
    {
        if (_pending.TryGetValue(id, out var reply)) reply.Complete(payload);
    }

    /// <summary>Fails every waiting ask (the node is stopping).</summary>
    public void FailAll(Exception error)
    {
        foreach (var reply in _pending.Values) reply.Fail(error);
    }
}
