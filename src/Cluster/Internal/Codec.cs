using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Actors.Cluster.Internal;

/// <summary>The node's JSON settings: the user's source-generated contexts plus the reply-slot converter.</summary>
internal sealed class Codec
{
    public Codec(IEnumerable<IJsonTypeInfoResolver> resolvers)
    {
        Options = new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers]) };
        Options.Converters.Add(GenericConverterFactory.ReplySlots);
        Options.Converters.Add(GenericConverterFactory.ActorRefs);
        Options.MakeReadOnly();
    }

    public JsonSerializerOptions Options { get; }

    /// <exception cref="InvalidOperationException">No context declares <typeparamref name="T"/>.</exception>
    public JsonTypeInfo<T> TypeInfo<T>()
    {
        try { return (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)); }
        catch (NotSupportedException ex)
        {
            throw new InvalidOperationException($"{typeof(T).FullName} is not declared for the cluster. Add [JsonSerializable(typeof({typeof(T).Name}))] to a JsonSerializerContext in ClusterOptions.Serializers.", ex);
        }
    }
}
