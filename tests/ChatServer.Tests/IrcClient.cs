using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace ChatServer.Tests;

/// <summary>A minimal IRC test client over a real loopback socket: send lines, wait for expected lines.</summary>
internal sealed class IrcClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    private readonly Task _reading;

    private IrcClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reading = Task.Run(ReadLoopAsync);
    }

    public string Nick { get; private set; } = "*";

    /// <summary>Every line received so far (for failure messages).</summary>
    public string Transcript { get { lock (_seen) return string.Join("\n", _seen); } }

    public static async Task<IrcClient> ConnectAsync(IPEndPoint endpoint)
    {
        var tcp = new TcpClient(AddressFamily.InterNetwork) { NoDelay = true };
        await tcp.ConnectAsync(endpoint).WaitAsync(Patience);
        return new IrcClient(tcp);
    }

    public async Task RegisterAsync(string nick)
    {
        Nick = nick;
        await SendAsync($"NICK {nick}", $"USER {nick} 0 * :Test {nick}");
        await ExpectAsync(l => Code(l) is "376" or "422", "end of MOTD");
    }

    public async Task SendAsync(params string[] lines)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\r\n")));
        await _stream.WriteAsync(bytes).AsTask().WaitAsync(Patience);
    }

    public Task SendRawAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask().WaitAsync(Patience);

    /// <summary>Reads lines until one matches; fails with the transcript if none does in time or the link closes.</summary>
    public async Task<string> ExpectAsync(Func<string, bool> match, string what, TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? Patience);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(timeout.Token);
                if (match(line)) return line;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new Xunit.Sdk.XunitException($"{Nick}: expected {what}, but {(ex is ChannelClosedException ? "the link closed" : "it did not come")}. Received:\n{Transcript}");
        }
    }

    public Task<string> ExpectAsync(string fragment) => ExpectAsync(l => l.Contains(fragment, StringComparison.Ordinal), $"a line with '{fragment}'");

    public Task<string> ExpectNumericAsync(string code) => ExpectAsync(l => Code(l) == code, $"numeric {code}");

    /// <summary>True if no line arrives within <paramref name="wait"/> (a bounded negative check).</summary>
    public async Task<string?> NextLineWithinAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try { return await _lines.Reader.ReadAsync(timeout.Token); }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException) { return null; }
    }

    /// <summary>Waits until the server closes the link; returns the lines not yet read.</summary>
    public async Task<List<string>> ExpectClosedAsync(TimeSpan? patience = null)
    {
        try { await _reading.WaitAsync(patience ?? Patience); }
        catch (TimeoutException) { throw new Xunit.Sdk.XunitException($"{Nick}: expected the server to close the link. Received:\n{Transcript}"); }
        var rest = new List<string>();
        while (_lines.Reader.TryRead(out var line)) rest.Add(line);
        return rest;
    }

    public bool IsClosed => _reading.IsCompleted;

    /// <summary>The numeric or command of a server line (second word).</summary>
    public static string Code(string line)
    {
        var parts = line.Split(' ', 3);
        return line.StartsWith(':') ? (parts.Length > 1 ? parts[1] : "") : parts[0];
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            using var reader = new StreamReader(_stream, new UTF8Encoding(false), false, 4096, leaveOpen: true);
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (_seen) _seen.Add(line);
                _lines.Writer.TryWrite(line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException) { }
        finally { _lines.Writer.TryComplete(); }
    }

    public void Abort() => _tcp.Client.Close(0);

    public async ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        try { await _reading.WaitAsync(Patience); } catch (Exception) { }
    }
}
