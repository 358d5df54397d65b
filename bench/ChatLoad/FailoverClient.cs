using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChatLoad;

/// <summary>An IRC client of the failover run: registers (retrying the nick while another node still holds it), joins,
/// sends numbered lines, and records every numbered PRIVMSG it receives with the receive time.</summary>
internal sealed class FailoverClient(string nick, string node)
{
    private TaskCompletionSource _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);   // per link
    private TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Socket? _socket;
    private volatile bool _nickTaken;

    public string Nick => nick;

    public string Node { get; private set; } = node;

    /// <summary>(sender, sequence number, Stopwatch timestamp of receipt), in arrival order.</summary>
    public List<(string From, int Seq, long At)> Received { get; } = [];

    /// <summary>Completes when the server closes the link (or it breaks).</summary>
    public Task Closed { get; private set; } = Task.CompletedTask;

    /// <summary>Connects and registers; while the nick is held (the cluster still lists it on a dead node) tries again.</summary>
    public async Task ConnectAsync(IPEndPoint endpoint, string node, TimeSpan patience)
    {
        Node = node;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            _nickTaken = false;
            _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(endpoint);
            _socket = socket;
            Closed = Task.Run(() => ReadLoopAsync(socket));
            await SendAsync($"NICK {nick}\r\nUSER {nick} 0 * :failover\r\n");
            while (!_registered.Task.IsCompleted && !_nickTaken && !Closed.IsCompleted) await Task.WhenAny(_registered.Task, Closed, Task.Delay(50));
            if (_registered.Task.IsCompleted) return;
            socket.Close(0);
            if (clock.Elapsed > patience) throw new TimeoutException($"{nick} could not register on node {node} within {patience.TotalSeconds} s.");
            await Task.Delay(200);
        }
    }

    public async Task JoinAsync(string channel)
    {
        await SendAsync($"JOIN {channel}\r\n");
        await _joined.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task<bool> TrySendAsync(string line)
    {
        try
        {
            await SendAsync(line + "\r\n");
            return true;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException) { return false; }
    }

    private async Task SendAsync(string text) => await _socket!.SendAsync(Encoding.ASCII.GetBytes(text));

    public void Close() => _socket?.Close(0);

    private async Task ReadLoopAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        var pending = new StringBuilder();
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer);
                if (n == 0) return;
                pending.Append(Encoding.UTF8.GetString(buffer, 0, n));
                var text = pending.ToString();
                var end = text.LastIndexOf('\n');
                if (end < 0) continue;
                pending.Clear().Append(text[(end + 1)..]);
                foreach (var line in text[..end].Split('\n')) await OnLineAsync(socket, line.TrimEnd('\r'));
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }
    }

    private async Task OnLineAsync(Socket socket, string line)
    {
        var parts = line.Split(' ', 4);
        if (parts[0] == "PING") { await socket.SendAsync(Encoding.ASCII.GetBytes($"PONG {parts[1]}\r\n")); return; }
        if (parts.Length < 2) return;
        switch (parts[1])
        {
            case "001": _registered.TrySetResult(); break;
            case "433": _nickTaken = true; break;
            case "366": _joined.TrySetResult(); break;
            case "PRIVMSG" when parts.Length == 4:
                var from = parts[0][1..parts[0].IndexOf('!')];
                var words = parts[3].TrimStart(':').Split(' ');
                if (words.Length == 2 && int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
                    lock (_gate) Received.Add((from, seq, Stopwatch.GetTimestamp()));
                break;
        }
    }

    public List<(string From, int Seq, long At)> Snapshot()
    {
        lock (_gate) return [.. Received];
    }
}
