namespace Actors.Cluster.Internal;

/// <summary>Handles one message on the socket reader: <paramref name="payload"/> is the reader's buffer, valid only during the call.</summary>
internal delegate void InboundHandler(string subject, string? replyTo, bool noResponders, ReadOnlySpan<byte> payload);
