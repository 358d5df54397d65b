using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Cluster.Internal;

/// <summary>Encodes an <see cref="IReplyTo{TReply}"/> inside a message as a marker; the reply travels by NATS request/reply.</summary>
internal sealed class ReplyToConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(IReplyTo<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ReplyToConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
}
