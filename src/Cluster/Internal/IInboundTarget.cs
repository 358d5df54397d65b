namespace Actors.Cluster.Internal;

/// <summary>A local actor other nodes may message, with the decoder for its message type.</summary>
internal interface IInboundTarget
{
    ActorTask ActorTask { get; }

    string MessageType { get; }

    /// <summary>Decodes and delivers one payload; never throws (what cannot be delivered is dead-lettered).</summary>
    void Deliver(string subject, ReadOnlySpan<byte> payload, string? replySubject);

    void Complete();

    void Relay<TReply>(InboundReply<TReply> reply, object? message);
}
