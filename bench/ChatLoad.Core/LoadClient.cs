using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChatLoad;

/// <summary>One IRC client of the load: registers, joins, answers PING, records the latency of every PRIVMSG it receives
/// (the text starts with the sender's Stopwatch timestamp; sender and receiver share this process's clock).</summary>
internal sealed class LoadClient(string nick, LoadCounters counters)
{
    private readonly TaskCompletionSource _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket _socket = null!;
    private NetworkStream _stream = null!;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public string Nick { get; } = nick;

    public List<int> LatenciesMicros { get; } = [];

    public async Task ConnectAsync(IPEndPoint endpoint, CancellationToken ct)
    {
        _socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await _socket.ConnectAsync(endpoint, ct);
        _stream = new NetworkStream(_socket, ownsSocket: true);
        _ = Task.Run(() => ReadLoopAsync(ct), ct);
        await SendAsync(Encoding.ASCII.GetBytes($"NICK {Nick}\r\nUSER {Nick} 0 * :load\r\n"), ct);
        await _registered.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
    }

    public async Task JoinAsync(string channel, CancellationToken ct)
    {
        await SendAsync(Encoding.ASCII.GetBytes($"JOIN {channel}\r\n"), ct);
        await _joined.Task.WaitAsync(TimeSpan.FromSeconds(120), ct);
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try { await _stream.WriteAsync(bytes, ct); }
        finally { _writeGate.Release(); }
    }

    public void Close() => _socket.Close(0);

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(useZeroByteReads: true));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(ct);
                var buffer = result.Buffer;
                while (TryLine(ref buffer, out var line)) await OnLineAsync(line, ct);
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted) break;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        _registered.TrySetException(new IOException($"{Nick}: the server closed the link"));
        _joined.TrySetException(new IOException($"{Nick}: the server closed the link"));
    }

    private static bool TryLine(ref ReadOnlySequence<byte> buffer, out string line)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> bytes, (byte)'\n'))
        {
            line = "";
            return false;
        }
        line = Encoding.UTF8.GetString(bytes).TrimEnd('\r');
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private async ValueTask OnLineAsync(string line, CancellationToken ct)
    {
        if (line.StartsWith("PING", StringComparison.Ordinal))
        {
            await SendAsync(Encoding.ASCII.GetBytes("PONG" + line[4..] + "\r\n"), ct);
            return;
        }
        var space = line.IndexOf(' ');
        if (space < 0) return;
        var rest = line.AsSpan(space + 1);
        if (rest.StartsWith("PRIVMSG "))
        {
            var text = line.IndexOf(" :", space, StringComparison.Ordinal);
            if (text < 0) return;
            var body = line.AsSpan(text + 2);
            var end = body.IndexOf(' ');
            if (long.TryParse(end < 0 ? body : body[..end], out var sent))
            {
                LatenciesMicros.Add((int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(sent).Ticks / 10));
                counters.Delivered();
            }
        }
        else if (rest.StartsWith("001 ")) _registered.TrySetResult();
        else if (rest.StartsWith("366 ")) _joined.TrySetResult();
        else if (rest.StartsWith("433 ")) _registered.TrySetException(new InvalidOperationException($"{Nick}: nick in use"));
    }
}
