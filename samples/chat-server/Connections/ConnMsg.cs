namespace ChatServer.Connections;

/// <summary>Messages to a connection actor.</summary>
internal abstract record ConnMsg
{
    /// <summary>A complete line from the reader task (null text: the line was too long and was dropped).</summary>
    public sealed record Line(string? Text) : ConnMsg;

    /// <summary>The peer closed or reset the socket.</summary>
    public sealed record PeerClosed(string Reason) : ConnMsg;

    /// <summary>Periodic idle check (PING and its timeout, registration timeout).</summary>
    public sealed record Tick : ConnMsg
    {
        public static readonly Tick Instance = new();
    }

    /// <summary>The client's send queue overflowed.</summary>
    public sealed record SendQExceeded : ConnMsg
    {
        public static readonly SendQExceeded Instance = new();
    }

    /// <summary>Close the link with this reason (server shutdown, kill).</summary>
    public sealed record Close(string Reason) : ConnMsg;
}
