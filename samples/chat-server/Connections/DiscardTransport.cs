namespace ChatServer.Connections;

/// <summary>A transport with no peer: reads end at once, writes go nowhere. For handles that are not clients of this
/// node (a cluster's stand-ins for remote members), whose send queue nothing reads.</summary>
internal sealed class DiscardTransport() : ClientTransport("discard")
{
    public static DiscardTransport Instance { get; } = new();

    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer) => ValueTask.FromResult(0);

    public override ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    protected override void CloseCore() { }
}
