namespace Actors.Cluster.Internal;

/// <summary>
/// The subjects of one cluster (prefix p): <c>p.to.{node}.{actor}</c> messages for an exposed actor
/// (one subscription per node, so order per sender node is kept), <c>p.to.{node}.{actor}.complete</c>
/// closing its mailbox, <c>p.re.{node}.{ask}</c> replies, <c>p.gone.{node}</c> an exposed actor
/// finished, <c>p.hb.{node}</c> heartbeats and <c>p.bye.{node}</c> a node leaving.
/// </summary>
internal sealed class Subjects(string prefix, string node)
{
    public string Inbox { get; } = $"{prefix}.to.{node}.>";

    public string Replies { get; } = $"{prefix}.re.{node}.*";

    public string Gone { get; } = $"{prefix}.gone.*";

    public string Heartbeats { get; } = $"{prefix}.hb.*";

    public string Byes { get; } = $"{prefix}.bye.*";

    public string MyGone { get; } = $"{prefix}.gone.{node}";

    public string MyHeartbeat { get; } = $"{prefix}.hb.{node}";

    public string MyBye { get; } = $"{prefix}.bye.{node}";

    public string Bucket { get; } = $"{prefix}-registry";

    public string To(RemoteAddress address) => $"{prefix}.to.{address.Node}.{address.Id}";

    public string Reply(long askId) => $"{prefix}.re.{node}.{askId}";

    /// <summary>The last token of a subject (the node of a heartbeat, the ask id of a reply).</summary>
    public static string LastToken(string subject) => subject[(subject.LastIndexOf('.') + 1)..];

    /// <summary>Splits <c>p.to.{node}.{actor}[.complete|.displaced]</c> into the actor id and the suffix ("" for a message).</summary>
    public bool TryParseInbox(string subject, out string id, out string suffix)
    {
        var rest = subject[(Inbox.Length - 1)..];   // after "p.to.{node}."
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        id = dot < 0 ? rest : rest[..dot];
        suffix = dot < 0 ? "" : rest[(dot + 1)..];
        return id.Length > 0 && suffix is "" or "complete" or "displaced";
    }
}
