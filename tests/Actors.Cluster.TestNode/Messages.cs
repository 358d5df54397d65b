using System.Text.Json.Serialization;

namespace Actors.Cluster.Tests;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$t")]
[JsonDerivedType(typeof(Add), "add")]
[JsonDerivedType(typeof(Get), "get")]
[JsonDerivedType(typeof(Boom), "boom")]
[JsonDerivedType(typeof(Blob), "blob")]
[JsonDerivedType(typeof(Subscribe), "sub")]
public abstract record CounterMsg;

public sealed record Add(int N) : CounterMsg;

public sealed record Get(IReplyTo<int> ReplyTo) : CounterMsg;

public sealed record Boom(IReplyTo<int> ReplyTo) : CounterMsg;

public sealed record Blob(string Data) : CounterMsg;

public sealed record Subscribe(IActorRef<Seen> Listener) : CounterMsg;

public sealed record Seen(string Node);

[JsonSerializable(typeof(CounterMsg))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(Seen))]
public sealed partial class TestJsonContext : JsonSerializerContext;
