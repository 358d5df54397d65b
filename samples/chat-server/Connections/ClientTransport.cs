using System.Net.Sockets;

namespace ChatServer.Connections;

/// <summary>The byte stream of one client (a TCP socket or a WebSocket) and how to close it. The connection reads
/// with <see cref="ReceiveAsync"/> and its send queue writes with <see cref="SendAsync"/>: no pipes, no buffers
/// owned while the client is idle.</summary>
internal abstract class ClientTransport(string host)
{
    private int _closed;

    public string Host { get; } = host;

    /// <summary>Set when the peer went away (EOF, reset, failed write): no ERROR line is attempted.</summary>
    public volatile bool PeerGone;

    /// <summary>True if a zero-byte receive waits for data without holding a buffer (sockets): the reader
    /// rents a buffer only once bytes have arrived.</summary>
    public virtual bool ZeroByteReads => false;

    public bool IsClosed => Volatile.Read(ref _closed) == 1;

    public static ClientTransport ForSocket(Socket socket) => new SocketTransport(socket, HostName((socket.RemoteEndPoint as System.Net.IPEndPoint)?.Address));

    /// <summary>An address as an IRC host: IPv4-mapped addresses as IPv4, and never starting with ':' (it would read as a trailing parameter).</summary>
    public static string HostName(System.Net.IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var text = address.ToString();
        return text.StartsWith(':') ? "0" + text : text;
    }

    /// <summary>Reads into <paramref name="buffer"/>; 0 at the end of the stream. An empty buffer waits for data to arrive
    /// (where <see cref="ZeroByteReads"/> is true).</summary>
    public abstract ValueTask<int> ReceiveAsync(Memory<byte> buffer);

    /// <summary>Writes all of <paramref name="bytes"/>.</summary>
    public abstract ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default);

    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0) CloseCore();
    }

    protected abstract void CloseCore();
}
