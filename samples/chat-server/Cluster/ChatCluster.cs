using System.Text;
using Actors;
using Actors.Cluster;
using ChatServer.Server;

namespace ChatServer.Cluster;

/// <summary>
/// One chat server's part in a cluster of chat servers: its relay actor (registered under the names of the nicks
/// and channels this node holds), the remote members of channels it owns, and the registry look-ups.
/// <list type="bullet">
/// <item>A nick is unique across the cluster: <c>chat.nick.&lt;hex&gt;</c> is held by the relay of the user's node.</item>
/// <item>A channel is owned by one node: <c>chat.chan.&lt;hex&gt;</c> names the owner's relay; the first registration
/// wins, the others join through it. A member node that sees the owner's relay finish (death watch) takes the name
/// or joins the node that took it.</item>
/// </list>
/// </summary>
internal sealed class ChatCluster(ClusterNode node)
{
    private static readonly TimeSpan s_resolveFor = TimeSpan.FromSeconds(20);

    public ClusterNode Node => node;

    public string NodeId => node.NodeId;

    /// <summary>This node's relay (set by <see cref="Attach"/>, before the server accepts clients).</summary>
    public IActorRef<RelayMsg> Relay { get; private set; } = null!;

    /// <summary>Remote members of the channels this node owns.</summary>
    public Ghosts Ghosts { get; } = new();

    public void Attach(ChatContext chat) =>
        Relay = node.System.Spawn<RelayMsg>(new ChatRelay(chat, this), new SpawnOptions { Name = "chat-relay", Label = $"chat relay {node.NodeId}" });

    /// <summary>Takes a nick for a client of this node; false if a client of any node holds it.</summary>
    public async Task<bool> ClaimNickAsync(string folded)
    {
        try
        {
            await node.RegisterAsync(NickKey(folded), Relay, NameConflictPolicy.RejectNewer).ConfigureAwait(false);
            return true;
        }
        catch (NameOverlapException) { return false; }
    }

    public Task ReleaseNickAsync(string folded) => node.UnregisterAsync(NickKey(folded), Relay);

    /// <summary>The relay of the node whose client holds the nick (<paramref name="folded"/>), or null if no live node
    /// holds it (a registry entry left by a node that is down counts as none).</summary>
    public async Task<IActorRef<RelayMsg>?> FindNickAsync(string folded)
    {
        IActorRef<RelayMsg>? holder;
        try { holder = await node.LookupAsync<RelayMsg>(NickKey(folded)).ConfigureAwait(false); }
        catch (Exception ex) when (ex is NATS.Client.Core.NatsException or OperationCanceledException or TimeoutException) { return null; }
        if (holder is null || holder.ActorTask.IsFinished) return null;
        var holderNode = node.NodeOf(holder);
        return holderNode != node.NodeId && node.Members.Contains(holderNode) ? holder : null;
    }

    /// <summary>
    /// The relay of the node that owns the channel, or null once this node owns it: registers the name if it is
    /// free (first wins), else looks the holder up. A holder whose node is down (its entry not yet deleted) is
    /// waited out.
    /// </summary>
    public async Task<IActorRef<RelayMsg>?> ResolveOwnerAsync(string folded)
    {
        var key = ChannelKey(folded);
        var time = node.System.Options.TimeProvider;
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);
                await node.RegisterAsync(key, Relay, NameConflictPolicy.RejectNewer, attempt.Token).ConfigureAwait(false);
                return null;
            }
            catch (NameOverlapException) { }
            catch (OperationCanceledException) { }   // the registry is slow or the name churns: look it up, then try again
            var owner = await node.LookupAsync<RelayMsg>(key).ConfigureAwait(false);
            if (owner is not null && node.NodeOf(owner) == node.NodeId) continue;   // an attempt cut short had written it: registering again takes it
            if (owner is not null && !owner.ActorTask.IsFinished && node.Members.Contains(node.NodeOf(owner))) return owner;
            if (time.GetElapsedTime(started) > s_resolveFor) throw new TimeoutException($"No live owner for channel {folded} and the name could not be taken.");
            await Task.Delay(TimeSpan.FromMilliseconds(100), time).ConfigureAwait(false);   // the holder's node is down and its entry not deleted yet
        }
    }

    /// <summary>Gives the channel's name back (this node owned it and it emptied).</summary>
    public Task ReleaseChannelAsync(string folded) => node.UnregisterAsync(ChannelKey(folded), Relay);

    public string NodeOf(IActorRef<RelayMsg> relay) => node.NodeOf(relay);

    private static string NickKey(string folded) => "chat.nick." + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(folded));

    private static string ChannelKey(string folded) => "chat.chan." + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(folded));
}
