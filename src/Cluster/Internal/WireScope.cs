namespace Actors.Cluster.Internal;

/// <summary>
/// What the reply-slot converter needs while one message is encoded or decoded on this thread
/// (serialization is synchronous, so a thread-static scope is exact).
/// </summary>
internal static class WireScope
{
    [ThreadStatic] private static ClusterNode? t_node;            // the node encoding or decoding
    [ThreadStatic] private static long t_replyId;                 // encoding: the ask id the message's slot was given (0: none)
    [ThreadStatic] private static string? t_replySubject;         // decoding: where the sender waits for the reply (null for a tell)
    [ThreadStatic] private static IInboundReply? t_inbound;       // decoding: the slot the message holds

    public static ClusterNode Node => t_node ?? throw new InvalidOperationException("Reply slots are encoded only by the cluster, inside a remote message.");

    public static void BeginWrite(ClusterNode node)
    {
        t_node = node;
        t_replyId = 0;
    }

    public static long EndWrite()
    {
        var id = t_replyId;
        t_node = null;
        t_replyId = 0;
        return id;
    }

    public static void SetReplyId(long id)
    {
        if (t_replyId != 0) throw new NotSupportedException("A remote message may hold one reply slot only.");
        t_replyId = id;
    }

    public static void BeginRead(ClusterNode node, string? replySubject)
    {
        t_node = node;
        t_replySubject = replySubject;
        t_inbound = null;
    }

    public static string? ReplySubject => t_replySubject;

    public static void SetInbound(IInboundReply reply)
    {
        if (t_inbound is not null) throw new NotSupportedException("A remote message may hold one reply slot only.");
        t_inbound = reply;
    }

    public static IInboundReply? EndRead()
    {
        var inbound = t_inbound;
        t_node = null;
        t_replySubject = null;
        t_inbound = null;
        return inbound;
    }
}
