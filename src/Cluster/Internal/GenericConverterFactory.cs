using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Cluster.Internal;

/// <summary>
/// Converts every closed form of one open generic interface with the matching closed form of one open generic
/// converter: <c>IActorRef&lt;T&gt;</c> as its cluster address (<see cref="ActorRefConverter{TMessage}"/>),
/// <c>IReplyTo&lt;T&gt;</c> as a marker whose reply travels by NATS request/reply (<see cref="ReplyToConverter{TReply}"/>).
/// </summary>
internal sealed class GenericConverterFactory(Type openInterface, Type openConverter) : JsonConverterFactory
{
    public static GenericConverterFactory ActorRefs { get; } = new(typeof(IActorRef<>), typeof(ActorRefConverter<>));

    public static GenericConverterFactory ReplySlots { get; } = new(typeof(IReplyTo<>), typeof(ReplyToConverter<>));

    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == openInterface;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(openConverter.MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
}
