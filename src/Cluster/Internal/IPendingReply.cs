namespace Actors.Cluster.Internal;

/// <summary>A reply this node waits for, keyed by its ask id.</summary>
internal interface IPendingReply
{
    long Id { get; }

    /// <summary>Settles it from a reply payload (status byte, then JSON).</summary>
    void Complete(ReadOnlySpan<byte> payload);

    /// <summary>Settles it with a failure (the message could not be sent).</summary>
    void Fail(Exception error);
}
