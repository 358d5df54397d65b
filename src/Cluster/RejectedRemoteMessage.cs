namespace Actors.Cluster;

/// <summary>
/// The dead letter's message when a payload that arrived from NATS could not be delivered: it was too
/// large, could not be decoded, or named no actor exposed on this node. The bytes are not kept.
/// </summary>
/// <param name="Subject">The subject it arrived on.</param>
/// <param name="Size">Its payload size in bytes.</param>
/// <param name="Detail">Why, in words (the decoder's message, for example).</param>
public sealed record RejectedRemoteMessage(string Subject, int Size, string Detail);
