using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Cluster.Internal;

/// <summary>
/// Writes a reference as <c>"node/id"</c>, exposing a local actor so other nodes can reach it; reads it
/// back as the local reference (on its own node) or a remote reference (elsewhere).
/// </summary>
internal sealed class ActorRefConverter<TMessage> : JsonConverter<IActorRef<TMessage>>
{
    public override IActorRef<TMessage>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("An actor reference must be a \"node/id\" string.");
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1) throw new JsonException($"'{text}' is not an actor reference (\"node/id\").");
        try { return WireScope.Node.RefTo<TMessage>(new RemoteAddress(text[..slash], text[(slash + 1)..])); }
        catch (InvalidOperationException ex) { throw new JsonException(ex.Message, ex); }
    }

    public override void Write(Utf8JsonWriter writer, IActorRef<TMessage> value, JsonSerializerOptions options) =>
        writer.WriteStringValue(WireScope.Node.Expose(value).ToString());
}
