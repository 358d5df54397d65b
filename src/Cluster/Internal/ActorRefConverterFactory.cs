using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Cluster.Internal;

/// <summary>Encodes an <see cref="IActorRef{TMessage}"/> inside a message as its cluster address (a local actor is exposed first).</summary>
internal sealed class ActorRefConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(IActorRef<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ActorRefConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
}
