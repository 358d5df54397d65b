namespace ChatServer.Connections;

/// <summary>A client over a stream (the web chat page's WebSocket): reads need a buffer, writes are flushed at once.</summary>
internal sealed class StreamTransport(Stream stream, string host, Action close) : ClientTransport(host)
{
    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer) => stream.ReadAsync(buffer);

    public override async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override void CloseCore() => close();
}
