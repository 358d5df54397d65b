using System.Text.Json.Serialization;
using Actors;
using ChatServer.Channels;

namespace ChatServer.Cluster;

/// <summary>Messages to a node's chat relay, most of them from other nodes (declared in <see cref="ChatJsonContext"/>).
/// Member nodes send channel commands to the relay of the channel's owner; the owner sends lines back to the relay of
/// each member node, once per node and line.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$t")]
[JsonDerivedType(typeof(JoinRequest), "join")]
[JsonDerivedType(typeof(Command), "cmd")]
[JsonDerivedType(typeof(Deliver), "deliver")]
[JsonDerivedType(typeof(ToClient), "to")]
[JsonDerivedType(typeof(Dropped), "dropped")]
[JsonDerivedType(typeof(Resync), "resync")]
[JsonDerivedType(typeof(Private), "private")]
[JsonDerivedType(typeof(UserQuery), "user")]
internal abstract record RelayMsg
{
    /// <summary>To the owner: <paramref name="Who"/> joins <paramref name="Channel"/>. Quiet: a rejoin after the
    /// channel moved (no JOIN line, no names).</summary>
    public sealed record JoinRequest(string Channel, Member Who, IActorRef<RelayMsg> From, string? Key, bool Quiet, IReplyTo<JoinResult> Reply) : RelayMsg;

    /// <summary>To the owner: a channel command (<see cref="ChannelCommands"/>) from a member on another node.</summary>
    public sealed record Command(string Channel, Member Who, IActorRef<RelayMsg> From, string Op, string[] Args, Member? Target = null) : RelayMsg;

    /// <summary>To a member node: a line for every local member of <paramref name="Channel"/> except client <paramref name="Except"/> (0: none).</summary>
    public sealed record Deliver(string Channel, byte[] Line, long Except) : RelayMsg;

    /// <summary>To a member node: a line for one client (a numeric, an INVITE), in order with the channel's other lines.</summary>
    public sealed record ToClient(string Channel, long Client, byte[] Line) : RelayMsg;

    /// <summary>To a member node: the owner took client <paramref name="Client"/> out of <paramref name="Channel"/> (PART, KICK).</summary>
    public sealed record Dropped(string Channel, long Client) : RelayMsg;

    /// <summary>To a member node: the owner does not know this node's members of <paramref name="Channel"/> (it does not own
    /// the channel, or it took the node for dead and dropped them): find the owner again and rejoin quietly.</summary>
    public sealed record Resync(string Channel) : RelayMsg;

    /// <summary>To the node holding nick <paramref name="Target"/>: a PRIVMSG or NOTICE (<paramref name="Verb"/>) from client <paramref name="From"/> of the
    /// sender's node (<paramref name="FromRelay"/>), whose nick is <paramref name="FromNick"/> and prefix <paramref name="Prefix"/>.
    /// A numeric for the sender (301 away, 401 gone) comes back as <see cref="ToClient"/>.</summary>
    public sealed record Private(string Target, string Verb, string Text, string Prefix, long From, string FromNick, IActorRef<RelayMsg> FromRelay) : RelayMsg;

    /// <summary>To the node holding nick <paramref name="Nick"/>: what WHOIS and its kin show of that user (null: not here).
    /// <paramref name="AskerChannels"/> (folded) lets secret channels the asker shares show.</summary>
    public sealed record UserQuery(string Nick, string[] AskerChannels, IReplyTo<UserInfo?> Reply) : RelayMsg;

    /// <summary>Local (a death watch's notice): the relay of <paramref name="Node"/> is gone, its node is down.</summary>
    public sealed record PeerDown(string Node) : RelayMsg;
}
