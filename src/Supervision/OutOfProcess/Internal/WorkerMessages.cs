using System.Buffers;
using System.Text.Json;

namespace Actors.Supervision.OutOfProcess.Internal;

/// <summary>
/// The JSON messages: a request <c>{"id", "method", "payload"}</c> and a response
/// <c>{"id", "ok", "payload"}</c> or <c>{"id", "ok": false, "error"}</c>. A worker first sends a hello:
/// the response to id 0, whose payload is <c>{"pid"}</c>.
/// </summary>
internal static class WorkerMessages
{
    public static byte[] Request(long id, string method, JsonElement payload) => Write(writer =>
    {
        writer.WriteNumber("id", id);
        writer.WriteString("method", method);
        WritePayload(writer, payload);
    });

    public static byte[] Success(long id, JsonElement payload) => Write(writer =>
    {
        writer.WriteNumber("id", id);
        writer.WriteBoolean("ok", true);
        WritePayload(writer, payload);
    });

    public static byte[] Failure(long id, string error) => Write(writer =>
    {
        writer.WriteNumber("id", id);
        writer.WriteBoolean("ok", false);
        writer.WriteString("error", error);
    });

    public static byte[] Hello(int processId) => Write(writer =>
    {
        writer.WriteNumber("id", 0);
        writer.WriteBoolean("ok", true);
        writer.WriteStartObject("payload");
        writer.WriteNumber("pid", processId);
        writer.WriteEndObject();
    });

    /// <summary>Reads a request.</summary>
    /// <exception cref="InvalidDataException">Not JSON, or a field is missing.</exception>
    public static (long Id, string Method, JsonElement Payload) ReadRequest(byte[] body)
    {
        using var doc = Parse(body);
        var root = doc.RootElement;
        var method = Field(root, "method", JsonValueKind.String).GetString()!;
        return (Field(root, "id", JsonValueKind.Number).GetInt64(), method, Payload(root));
    }

    /// <summary>Reads a response; <c>Error</c> is null when <c>Ok</c>.</summary>
    /// <exception cref="InvalidDataException">Not JSON, or a field is missing.</exception>
    public static (long Id, bool Ok, JsonElement Payload, string? Error) ReadResponse(byte[] body)
    {
        using var doc = Parse(body);
        var root = doc.RootElement;
        var id = Field(root, "id", JsonValueKind.Number).GetInt64();
        if (!root.TryGetProperty("ok", out var ok) || ok.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            throw new InvalidDataException("sent a response without a boolean \"ok\"");
        if (ok.GetBoolean()) return (id, true, Payload(root), null);
        var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "the worker reported an error without a message";
        return (id, false, default, error);
    }

    private static JsonDocument Parse(byte[] body)
    {
        try { return JsonDocument.Parse(body); }
        catch (JsonException ex) { throw new InvalidDataException($"sent a frame that is not valid JSON ({ex.Message})", ex); }
    }

    private static JsonElement Field(JsonElement root, string name, JsonValueKind kind)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var value) || value.ValueKind != kind)
            throw new InvalidDataException($"sent a message without a {kind} \"{name}\"");
        return value;
    }

    private static JsonElement Payload(JsonElement root) => root.TryGetProperty("payload", out var payload) ? payload.Clone() : default;

    private static void WritePayload(Utf8JsonWriter writer, JsonElement payload)
    {
        writer.WritePropertyName("payload");
        if (payload.ValueKind == JsonValueKind.Undefined) writer.WriteNullValue();
        else payload.WriteTo(writer);
    }

    private static byte[] Write(Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            fields(writer);
            writer.WriteEndObject();
        }
        return Framing.Frame(buffer.WrittenSpan);
    }
}
