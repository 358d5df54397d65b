using System.Buffers.Binary;

namespace Actors.Supervision.OutOfProcess.Internal;

/// <summary>
/// The wire format between a pool and its worker processes: each frame is a 4-byte little-endian
/// length followed by that many bytes of UTF-8 JSON.
/// </summary>
internal static class Framing
{
    public const int HeaderSize = 4;

    /// <summary>The largest frame either side accepts by default (16 MiB).</summary>
    public const int DefaultMaxFrameBytes = 16 * 1024 * 1024;

    /// <summary>Reads one frame's body.</summary>
    /// <returns>The body, or null if the stream ended cleanly between frames.</returns>
    /// <exception cref="InvalidDataException">The length is out of range.</exception>
    /// <exception cref="EndOfStreamException">The stream ended inside a frame.</exception>
    public static async ValueTask<byte[]?> ReadAsync(Stream stream, int maxFrameBytes, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderSize];
        var got = await stream.ReadAtLeastAsync(header, HeaderSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (got == 0) return null;
        if (got < HeaderSize) throw new EndOfStreamException($"ended inside a frame header ({got} of {HeaderSize} bytes)");
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length <= 0 || length > maxFrameBytes)
            throw new InvalidDataException($"sent a frame length of {length} bytes (allowed: 1 to {maxFrameBytes}); its output carries something other than frames");
        var body = new byte[length];
        got = await stream.ReadAtLeastAsync(body, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (got < length) throw new EndOfStreamException($"ended inside a frame ({got} of {length} bytes)");
        return body;
    }

    /// <summary>Writes a frame prepared by <see cref="WorkerMessages"/> (header included) and flushes it.</summary>
    public static async ValueTask WriteAsync(Stream stream, byte[] frame, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Prefixes a JSON body with its length.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> json)
    {
        var frame = new byte[HeaderSize + json.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, json.Length);
        json.CopyTo(frame.AsSpan(HeaderSize));
        return frame;
    }
}
