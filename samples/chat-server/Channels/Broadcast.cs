using ChatServer.Connections;

namespace ChatServer.Channels;

/// <summary>One line for many channels' members, sent at most once to each client.</summary>
internal sealed class Broadcast(byte[] line)
{
    private readonly Lock _gate = new();
    private readonly HashSet<ClientHandle> _told = [];

    /// <summary>The encoded line (for other nodes).</summary>
    public byte[] Line => line;

    public void SendTo(ClientHandle client)
    {
        lock (_gate) if (!_told.Add(client)) return;
        client.Send(line);
    }
}
