using System.Threading.Channels;

namespace ChatServer.Connections;

/// <summary>A client's outgoing lines, bounded in bytes. Any actor may enqueue (channels write here directly);
/// the connection's writer task drains it. Past the limit the client is cut with "SendQ exceeded".</summary>
internal sealed class SendQueue(int limitBytes, Action onExceeded)
{
    private readonly Channel<byte[]> _lines = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private long _bytes;       // queued and not yet written
    private int _exceeded;     // 1 once the limit was hit

    public long QueuedBytes => Interlocked.Read(ref _bytes);

    public bool Exceeded => Volatile.Read(ref _exceeded) == 1;

    public bool TryEnqueue(byte[] line)
    {
        if (Volatile.Read(ref _exceeded) == 1) return false;
        if (Interlocked.Add(ref _bytes, line.Length) > limitBytes)
        {
            if (Interlocked.Exchange(ref _exceeded, 1) == 0) onExceeded();
            return false;
        }
        return _lines.Writer.TryWrite(line);
    }

    public bool TryDequeue(out byte[] line)
    {
        if (Volatile.Read(ref _exceeded) == 1 || !_lines.Reader.TryRead(out line!))
        {
            line = [];
            return false;
        }
        Interlocked.Add(ref _bytes, -line.Length);
        return true;
    }

    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _exceeded) == 1 ? ValueTask.FromResult(false) : _lines.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>No more lines: the writer drains what is queued, then ends.</summary>
    public void Complete() => _lines.Writer.TryComplete();
}
