using System.Buffers;
using System.Net.Sockets;
using System.Text;
using Actors;
using ChatServer.Irc;

namespace ChatServer.Connections;

/// <summary>The reader and writer tasks of a connection: pipelines in, lines out; send queue in, bytes out.</summary>
internal static class ConnectionIo
{
    /// <summary>Longest line content: 512 bytes including CR LF.</summary>
    public const int MaxLine = 510;

    private static ReadOnlySpan<byte> Delimiters => "\r\n"u8;

    public static async Task ReadLoopAsync(ActorContext ctx, Connection connection)
    {
        var input = connection.Transport.Input;
        var target = connection.Handle.Ref;
        var options = connection.Chat.Options;
        var flood = options.FloodControl ? new FloodGate(connection.Chat.Time, options.FloodBurst, options.FloodRate) : null;
        var lines = new List<string?>();
        var discarding = false;
        var reason = "Connection closed";
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(ctx.Cancellation).ConfigureAwait(false);
                var buffer = result.Buffer;
                Split(ref buffer, lines, ref discarding);
                input.AdvanceTo(buffer.Start, buffer.End);
                foreach (var line in lines)
                {
                    if (flood?.Take() is { } wait && wait > TimeSpan.Zero)
                        await Task.Delay(wait, connection.Chat.Time, ctx.Cancellation).ConfigureAwait(false);
                    target.Tell(new ConnMsg.Line(line));
                }
                lines.Clear();
                if (result.IsCompleted) break;
            }
        }
        catch (OperationCanceledException) when (ctx.IsStopping)
        {
            return;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
        {
            reason = ex is IOException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionReset } } ? "Connection reset by peer" : "Read error";
        }
        connection.Transport.PeerGone = true;
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

    public static async Task WriteLoopAsync(ActorContext ctx, Connection connection)
    {
        var queue = connection.Handle.Queue;
        var output = connection.Transport.Output;
        try
        {
            while (await queue.WaitToReadAsync(ctx.Cancellation).ConfigureAwait(false))
            {
                while (queue.TryDequeue(out var line)) output.Write(line);
                var flushed = await output.FlushAsync(ctx.Cancellation).ConfigureAwait(false);
                if (flushed.IsCompleted || flushed.IsCanceled) break;
            }
        }
        catch (OperationCanceledException) when (ctx.IsStopping) { }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
        {
            connection.Transport.PeerGone = true;
        }
        finally
        {
            await SendErrorAsync(ctx, connection).ConfigureAwait(false);
        }
    }

    /// <summary>The last line of every link: <c>ERROR :Closing link: host (reason)</c>, bounded by 2 s of real time.</summary>
    private static async Task SendErrorAsync(ActorContext ctx, Connection connection)
    {
        if (connection.Transport.PeerGone) return;
        var reason = connection.Handle.Queue.Exceeded ? "SendQ exceeded" : connection.CloseReason ?? "Server shutting down";   // no reason of its own: the tree above is stopping
        try
        {
            connection.Transport.Output.Write(IrcText.Line($"ERROR :Closing link: {connection.Transport.Host} ({reason})"));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));   // socket time, not protocol time
            await connection.Transport.Output.FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
        {
            // the peer is not reading or is gone: the link closes without its ERROR
        }
    }
}
