using Actors;
using ChatServer.Connections;

namespace ChatServer.Server;

/// <summary>Messages to the nick registry.</summary>
internal abstract record NickMsg
{
    /// <summary>Take <paramref name="Nick"/> for <paramref name="Who"/>, releasing <paramref name="OldNick"/>; replies false if someone else holds it.</summary>
    public sealed record Claim(ClientHandle Who, string Nick, string? OldNick, IReplyTo<bool> Reply) : NickMsg;

    /// <summary>Give a nick back (the client left).</summary>
    public sealed record Release(ClientHandle Who, string Nick) : NickMsg;
}
