using System.Net.Sockets;

namespace ChatServer.Connections;

/// <summary>A TCP client. Writes are tried as one non-blocking send on the calling thread (no awaitable, no allocation);
/// only what the kernel does not take at once goes through an asynchronous send. Reads go straight to the socket.</summary>
internal sealed class SocketTransport : ClientTransport
{
    private readonly Socket _socket;

    public SocketTransport(Socket socket, string host) : base(host)
    {
        _socket = socket;
        socket.NoDelay = true;
        socket.Blocking = false;   // synchronous calls return WouldBlock instead of waiting; asynchronous ones are unaffected
    }

    public override bool ZeroByteReads => true;

    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer) => _socket.ReceiveAsync(buffer, SocketFlags.None);

    /// <summary>Sends all of <paramref name="bytes"/>. Callers never overlap two sends on one socket (the send queue runs one flush at a time).</summary>
    public override ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        var sent = _socket.Send(bytes.Span, SocketFlags.None, out var error);
        if (error == SocketError.Success && sent == bytes.Length) return ValueTask.CompletedTask;
        if (error is not (SocketError.Success or SocketError.WouldBlock)) throw new SocketException((int)error);
        return SendRestAsync(bytes[Math.Max(0, sent)..], cancellationToken);
    }

    private async ValueTask SendRestAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (bytes.Length > 0)
            bytes = bytes[await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false)..];
    }

    protected override void CloseCore()
    {
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        _socket.Dispose();
    }
}
