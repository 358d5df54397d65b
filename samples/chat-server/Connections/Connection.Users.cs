using Actors;
using ChatServer.Cluster;
using ChatServer.Irc;

namespace ChatServer.Connections;

/// <summary>Finding a user by nick, on this node or (in a cluster) on the node whose client holds the nick: the
/// cluster registry names that node's relay, which answers for its clients.</summary>
internal sealed partial class Connection
{
    /// <summary>Sends a PRIVMSG or NOTICE to the user with <paramref name="target"/>'s nick; false if no node holds it.</summary>
    private async Task<bool> SendToNickAsync(string target, string command, string text)
    {
        var folded = IrcText.Fold(target);
        if (Chat.Nicks.TryGetValue(folded, out var peer))
        {
            peer.Send($":{Handle.Prefix} {command} {peer.Nick} :{text}");
            if (command == "PRIVMSG" && peer.Away is { } away) Num("301", $"{peer.Nick} :{away}");
            return true;
        }
        if (Chat.Cluster is not { } cluster || await cluster.FindNickAsync(folded).ConfigureAwait(false) is not { } relay) return false;
        return relay.TryTell(new RelayMsg.Private(target, command, text, Handle.Prefix, Handle.Id, Handle.Nick, cluster.Relay));   // 301 comes back
    }

    /// <summary>What the client may see of the user with this nick, on any node; null if no node holds it or its node
    /// does not answer within the ask deadline.</summary>
    private async Task<UserInfo?> FindUserAsync(string nick)
    {
        var folded = IrcText.Fold(nick);
        var mine = Handle.Channels.Select(s => s.Key).ToArray();
        if (Chat.Nicks.TryGetValue(folded, out var peer)) return UserInfo.Of(Chat, peer, mine);
        if (Chat.Cluster is not { } cluster || await cluster.FindNickAsync(folded).ConfigureAwait(false) is not { } relay) return null;
        try { return await relay.AskAsync<UserInfo?>(reply => new RelayMsg.UserQuery(nick, mine, reply)).ConfigureAwait(false); }
        catch (Exception ex) when (ex is TimeoutException or ActorNotRunningException or NATS.Client.Core.NatsException or Actors.Cluster.RemoteActorException)
        {
            return null;   // the node went down or is too slow: as good as gone
        }
    }
}
