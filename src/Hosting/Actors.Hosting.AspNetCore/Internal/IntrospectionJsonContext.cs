using System.Text.Json.Serialization;

namespace Actors.Hosting.AspNetCore.Internal;

/// <summary>Source-generated serializers for the endpoints' answers (no reflection per request).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TreeJson))]
[JsonSerializable(typeof(CountJson))]
[JsonSerializable(typeof(StopJson))]
[JsonSerializable(typeof(string))]
internal sealed partial class IntrospectionJsonContext : JsonSerializerContext;
