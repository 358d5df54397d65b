using Actors;
using ChatServer.Connections;
using ChatServer.Irc;

namespace ChatServer.Server;

/// <summary>The nick registry actor: the only writer of <see cref="ChatContext.Nicks"/>, so a claim is atomic
/// (check and take in one turn). The table lives in the context, so a restarted registry keeps every nick.
/// In a cluster a nick is also claimed in the cluster registry (held by this node's relay), so it is unique across nodes.</summary>
internal sealed class NickRegistry(ChatContext chat) : IActor<NickMsg>
{
    public async ValueTask ReceiveAsync(ActorContext<NickMsg> context, NickMsg message)
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
                if (chat.Cluster is { } cluster && holder is null && !await ClaimInClusterAsync(cluster, key).ConfigureAwait(false))
                {
                    claim.Reply.Reply(false);
                    break;
                }
                chat.Nicks[key] = claim.Who;
                if (claim.OldNick is { } old && IrcText.Fold(old) is var oldKey && oldKey != key
                    && chat.Nicks.TryRemove(new KeyValuePair<string, ClientHandle>(oldKey, claim.Who)))
                    ReleaseInCluster(oldKey);
                claim.Reply.Reply(true);
                break;
            case NickMsg.Release release:
                var folded = IrcText.Fold(release.Nick);
                if (chat.Nicks.TryRemove(new KeyValuePair<string, ClientHandle>(folded, release.Who))) ReleaseInCluster(folded);
                break;
        }
    }

    private static async Task<bool> ClaimInClusterAsync(Cluster.ChatCluster cluster, string key)
    {
        try { return await cluster.ClaimNickAsync(key).ConfigureAwait(false); }
        catch (Exception ex) when (ex is NATS.Client.Core.NatsException or OperationCanceledException or TimeoutException)
        {
            return false;   // the registry cannot be reached: refuse rather than risk a nick held twice
        }
    }

    private void ReleaseInCluster(string folded)
    {
        if (chat.Cluster is not { } cluster || chat.Nicks.ContainsKey(folded)) return;
        _ = cluster.ReleaseNickAsync(folded).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);   // failure: the lease ends it
    }
}
