using ChatServer.Irc;

namespace ChatServer.Cluster;

/// <summary>The relay's part in private messages and user queries across nodes: the sender's node finds the nick's
/// node in the cluster registry and sends here; this node holds the user.</summary>
internal sealed partial class ChatRelay
{
    private void OnPrivate(RelayMsg.Private pm)
    {
        var notice = pm.Verb == "NOTICE";
        if (!chat.Nicks.TryGetValue(IrcText.Fold(pm.Target), out var peer))
        {
            // The user left (or changed nick) between the sender's look-up and here.
            if (!notice) pm.FromRelay.TryTell(ToSender(pm, "401", $"{pm.Target} :No such nick/channel"));
            return;
        }
        peer.Send($":{pm.Prefix} {pm.Verb} {peer.Nick} :{pm.Text}");
        if (!notice && peer.Away is { } away) pm.FromRelay.TryTell(ToSender(pm, "301", $"{peer.Nick} :{away}"));
    }

    /// <summary>A numeric for the sender of <paramref name="pm"/>, written by its node's relay into its send queue (no channel).</summary>
    private RelayMsg.ToClient ToSender(RelayMsg.Private pm, string code, string rest) =>
        new("", pm.From, IrcText.Line($":{chat.ServerName} {code} {pm.FromNick} {rest}"));

    private UserInfo? Describe(RelayMsg.UserQuery query) =>
        chat.Nicks.TryGetValue(IrcText.Fold(query.Nick), out var peer) ? UserInfo.Of(chat, peer, query.AskerChannels.ToHashSet(StringComparer.Ordinal)) : null;
}
