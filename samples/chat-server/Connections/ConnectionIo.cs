using System.Buffers;
using System.Net.Sockets;
using System.Text;
using Actors;
using ChatServer.Irc;

namespace ChatServer.Connections;

/// <summary>The reading side of a connection: bytes in, lines out (the writing side is <see cref="SendQueue"/>).</summary>
internal static class ConnectionIo
{
    /// <summary>Longest line content: 512 bytes including CR LF.</summary>
    public const int MaxLine = 510;

    private static ReadOnlySpan<byte> Delimiters => "\r\n"u8;

    /// <summary>Bytes read at once; also holds an incomplete line (at most 510 bytes) between reads.</summary>
    private const int ReadBytes = 4096;

    /// <summary>Socket to lines, with flood control; ends when the peer closes or the connection closes the transport.
    /// An idle client costs this method's suspended state and nothing else: it waits with a zero-byte read and rents a
    /// buffer only when bytes have arrived, returning it at once unless a line is left incomplete.</summary>
    public static async Task ReadLoopAsync(Connection connection)
    {
        var transport = connection.Transport;
        var target = connection.Handle.Ref;
        var options = connection.Chat.Options;
        var flood = options.FloodControl ? new FloodGate(connection.Chat.Time, options.FloodBurst, options.FloodRate) : null;
        List<string?>? lines = null;   // only while a read's lines are passed on
        var discarding = false;
        byte[]? buffer = null;   // rented while bytes are held
        var held = 0;            // bytes of an incomplete line at the start of the buffer
        var reason = "Connection closed";
        try
        {
            while (true)
            {
                if (buffer is null && transport.ZeroByteReads) await transport.ReceiveAsync(Memory<byte>.Empty).ConfigureAwait(false);   // readable (or closed)
                buffer ??= ArrayPool<byte>.Shared.Rent(ReadBytes);
                var read = await transport.ReceiveAsync(buffer.AsMemory(held)).ConfigureAwait(false);
                if (read == 0) break;
                var bytes = new ReadOnlySequence<byte>(buffer, 0, held + read);
                lines ??= [];
                Split(ref bytes, lines, ref discarding);
                held = (int)bytes.Length;
                if (held > 0) bytes.CopyTo(buffer.AsSpan());   // the incomplete line (at most 510 bytes) moves to the front
                else
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = null;
                }
                foreach (var line in lines)
                {
                    if (flood?.Take() is { } wait && wait > TimeSpan.Zero)
                        await Task.Delay(wait, connection.Chat.Time).ConfigureAwait(false);   // ends by itself; a closed link then fails the next read
                    target.TryTell(new ConnMsg.Line(line));
                }
                lines = null;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
        {
            reason = ex is SocketException { SocketErrorCode: SocketError.ConnectionReset } or IOException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionReset } }
                ? "Connection reset by peer" : "Read error";
        }
        finally
        {
            if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
        }
        if (transport.IsClosed) return;   // the connection closed it: nothing to report
        transport.PeerGone = true;
        target.TryTell(new ConnMsg.PeerClosed(reason));
    }

    /// <summary>Cuts complete lines (CR, LF or CR LF) out of <paramref name="buffer"/>; a line over 510 bytes becomes null and is skipped to its end.</summary>
    internal static void Split(ref ReadOnlySequence<byte> buffer, List<string?> lines, ref bool discarding)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (reader.TryReadToAny(out ReadOnlySequence<byte> line, Delimiters, advancePastDelimiter: true))
        {
            if (discarding) { discarding = false; continue; }
            if (line.Length == 0) continue;
            lines.Add(line.Length > MaxLine ? null : IrcText.Utf8.GetString(line));
        }
        buffer = buffer.Slice(reader.Position);
        if (discarding) buffer = buffer.Slice(buffer.End);
        else if (buffer.Length > MaxLine)
        {
            lines.Add(null);
            discarding = true;
            buffer = buffer.Slice(buffer.End);
        }
    }
}
