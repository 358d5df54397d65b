using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Actors.Cluster.Internal;

/// <summary>A reply payload: one status byte (0 value, 1 failure), then the value's or the <see cref="RemoteError"/>'s JSON.</summary>
internal static class ReplyCodec
{
    public static byte[] Value<T>(T value, JsonTypeInfo<T> typeInfo) => Prefixed(0, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    public static byte[] Failure(Exception error)
    {
        var remote = error is ActorNotRunningException nr
            ? new RemoteError(typeof(ActorNotRunningException).FullName!, nr.Message, nr.Path, nr.State)
            : error is RemoteActorException re ? new RemoteError(re.RemoteType, re.Message)
            : new RemoteError(error.GetType().FullName ?? error.GetType().Name, error.Message);
        return Prefixed(1, JsonSerializer.SerializeToUtf8Bytes(remote, ClusterJsonContext.Default.RemoteError));
    }

    /// <summary>Decodes a reply; a failure or a malformed payload becomes an exception to throw to the asker.</summary>
    public static T Decode<T>(ReadOnlySpan<byte> payload, JsonTypeInfo<T> typeInfo)
    {
        if (payload.IsEmpty) throw new RemoteActorException("empty", "The reply was empty.");
        if (payload[0] == 0) return JsonSerializer.Deserialize(payload[1..], typeInfo)!;
        var error = JsonSerializer.Deserialize(payload[1..], ClusterJsonContext.Default.RemoteError)
            ?? throw new RemoteActorException("empty", "The failure reply was empty.");
        if (error.Type == typeof(ActorNotRunningException).FullName && error.Path is not null && error.State is { } state)
            throw new ActorNotRunningException(error.Path, state);
        if (error.Type == typeof(ActorTimeoutException).FullName) throw new ActorTimeoutException(error.Message);
        throw new RemoteActorException(error.Type, error.Message);
    }

    private static byte[] Prefixed(byte status, byte[] json)
    {
        var payload = new byte[json.Length + 1];
        payload[0] = status;
        json.CopyTo(payload, 1);
        return payload;
    }
}
