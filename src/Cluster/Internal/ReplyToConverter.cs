using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Cluster.Internal;

/// <summary>
/// Writes a reply slot as <c>true</c> after registering it with the encoding node (the frame then carries
/// the reply subject); reads it as a slot that relays the handler's answer back over NATS.
/// </summary>
internal sealed class ReplyToConverter<TReply> : JsonConverter<IReplyTo<TReply>>
{
    public override IReplyTo<TReply>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        reader.Skip();
        var node = WireScope.Node;
        var subject = WireScope.ReplySubject;
        var reply = new InboundReply<TReply>(node, subject);
        if (subject is not null) WireScope.SetInbound(reply);
        return reply;
    }

    public override void Write(Utf8JsonWriter writer, IReplyTo<TReply> value, JsonSerializerOptions options)
    {
        var node = WireScope.Node;
        var id = value is PendingAsk<TReply> ask && ReferenceEquals(ask.Node, node) ? ask.Id : node.Replies.Forward(value);
        WireScope.SetReplyId(id);
        writer.WriteBooleanValue(true);
    }
}
