using Actors;
using ChatServer.Irc;

namespace ChatServer.Server;

/// <summary>The nick registry actor: the only writer of <see cref="ChatContext.Nicks"/>, so a claim is atomic
/// (check and take in one turn). The table lives in the context, so a restarted registry keeps every nick.</summary>
internal sealed class NickRegistry(ChatContext chat) : IActor<NickMsg>
{
    public ValueTask ReceiveAsync(ActorContext<NickMsg> context, NickMsg message)
    {
        switch (message)
        {
            case NickMsg.Claim claim:
                var key = IrcText.Fold(claim.Nick);
                if (chat.Nicks.TryGetValue(key, out var holder) && !ReferenceEquals(holder, claim.Who))
                {
                    claim.Reply.Reply(false);
                    break;
                }
                if (claim.OldNick is { } old) chat.Nicks.TryRemove(new KeyValuePair<string, Connections.ClientHandle>(IrcText.Fold(old), claim.Who));
                chat.Nicks[key] = claim.Who;
                claim.Reply.Reply(true);
                break;
            case NickMsg.Release release:
                chat.Nicks.TryRemove(new KeyValuePair<string, Connections.ClientHandle>(IrcText.Fold(release.Nick), release.Who));
                break;
        }
        return ValueTask.CompletedTask;
    }
}
