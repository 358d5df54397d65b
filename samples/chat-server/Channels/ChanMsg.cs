using Actors;
using ChatServer.Connections;

namespace ChatServer.Channels;

/// <summary>Messages to a channel actor. Replies go straight to the client's send queue.</summary>
internal abstract record ChanMsg
{
    /// <summary>Quiet: a member rejoins a channel that moved to another node (no JOIN line, no checks, no names).</summary>
    public sealed record Join(ClientHandle Who, string? Key, IReplyTo<JoinResult> Reply, bool Quiet = false) : ChanMsg;

    public sealed record Part(ClientHandle Who, string? Reason) : ChanMsg;

    /// <summary>PRIVMSG or NOTICE to the channel.</summary>
    public sealed record Say(ClientHandle Who, string Command, string Text) : ChanMsg;

    /// <summary>The client left the server; members hear the QUIT once even if they share several channels.</summary>
    public sealed record Quit(ClientHandle Who, Broadcast Notice) : ChanMsg;

    /// <summary>Pass a line about a member (NICK change) to every member, once each.</summary>
    public sealed record Relay(ClientHandle Who, Broadcast Notice) : ChanMsg;

    public sealed record Topic(ClientHandle Who, string? Text) : ChanMsg;

    public sealed record Names(ClientHandle Who) : ChanMsg;

    public sealed record WhoQuery(ClientHandle Asker) : ChanMsg;

    public sealed record Mode(ClientHandle Who, IReadOnlyList<string> Args) : ChanMsg;

    public sealed record Kick(ClientHandle Who, string Target, string Reason) : ChanMsg;

    public sealed record Invite(ClientHandle Who, ClientHandle Target) : ChanMsg;

    /// <summary>This instance replaced a crashed one: tell the members.</summary>
    public sealed record Restarted : ChanMsg;

    /// <summary>Cluster, on a member node: a line from the owner for the local members (all but client <paramref name="Except"/>).</summary>
    public sealed record Deliver(byte[] Line, long Except) : ChanMsg;

    /// <summary>Cluster, on a member node: a line from the owner for one local client.</summary>
    public sealed record ToClient(long Client, byte[] Line) : ChanMsg;

    /// <summary>Cluster, on a member node: the owner took a local client out of the channel.</summary>
    public sealed record Dropped(long Client) : ChanMsg;

    /// <summary>Cluster, on a member node (death watch): the owner's relay is gone; find or become the new owner.</summary>
    public sealed record OwnerDown(IActorRef<Cluster.RelayMsg> Owner) : ChanMsg;

    /// <summary>Cluster, on a member node: the owner lost track of this node's members; find the owner again and rejoin.</summary>
    public sealed record Resync : ChanMsg;

    /// <summary>Test hook (EnableCrashCommands): the channel actor throws.</summary>
    public sealed record Crash : ChanMsg;
}
