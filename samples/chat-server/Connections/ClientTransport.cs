using System.IO.Pipelines;
using System.Net.Sockets;

namespace ChatServer.Connections;

/// <summary>The byte pipes of one client (a TCP socket or a WebSocket) and how to close it.</summary>
internal sealed class ClientTransport(PipeReader input, PipeWriter output, string host, Action close)
{
    private int _closed;

    public PipeReader Input { get; } = input;

    public PipeWriter Output { get; } = output;

    public string Host { get; } = host;

    /// <summary>Set when the peer went away (EOF or reset): no ERROR line is attempted.</summary>
    public volatile bool PeerGone;

    public static ClientTransport ForSocket(Socket socket)
    {
        socket.NoDelay = true;
        var stream = new NetworkStream(socket, ownsSocket: true);
        var host = HostName((socket.RemoteEndPoint as System.Net.IPEndPoint)?.Address);
        return new ClientTransport(
            PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, useZeroByteReads: true)),
            PipeWriter.Create(stream),
            host,
            () =>
            {
                try { socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
                stream.Dispose();
            });
    }

    /// <summary>An address as an IRC host: IPv4-mapped addresses as IPv4, and never starting with ':' (it would read as a trailing parameter).</summary>
    public static string HostName(System.Net.IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var text = address.ToString();
        return text.StartsWith(':') ? "0" + text : text;
    }

    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0) close();
    }
}
