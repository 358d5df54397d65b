using Actors;
using ChatServer.Channels;
using ChatServer.Connections;
using ChatServer.Irc;
using ChatServer.Server;

namespace ChatServer.Cluster;

/// <summary>
/// A node's chat relay, the one actor other nodes talk to. As an owner of channels it turns commands from remote
/// members into the channel's own messages (the remote client becomes a <see cref="Ghosts">ghost</see> handle);
/// as a member node it passes the owner's lines to the local channel, which writes them into its local members'
/// send queues: one message per node and line, not per member. It watches the relay of every node that has
/// members here: when that node goes down, its members quit the channels owned here.
/// </summary>
internal sealed partial class ChatRelay(ChatContext chat, ChatCluster cluster) : IActor<RelayMsg>
{
    private readonly Dictionary<string, IDisposable> _watched = new(StringComparer.Ordinal);   // member nodes by id

    public ValueTask ReceiveAsync(ActorContext<RelayMsg> context, RelayMsg message)
    {
        switch (message)
        {
            case RelayMsg.JoinRequest join:
                if (!TryOwned(join.Channel, out var slot)) { join.Reply.Reply(JoinResult.Gone); break; }
                slot.Send(new ChanMsg.Join(Ghost(context, join.Who, join.From), join.Key, join.Reply, join.Quiet));
                break;
            case RelayMsg.Command command:
                // A command comes after its sender's join, which made this relay watch the sender's node. No watch: the
                // node was taken for dead (its members were dropped) and is back. Not owned: the channel moved or emptied.
                if (TryOwned(command.Channel, out slot) && (_watched.ContainsKey(command.Who.Node) || command.Who.Node == cluster.NodeId))
                    OnCommand(slot, Ghost(context, command.Who, command.From), command, context);
                else command.From.TryTell(new RelayMsg.Resync(command.Channel));
                break;
            case RelayMsg.Deliver deliver:
                if (chat.Channels.TryGet(deliver.Channel, out slot)) slot.Send(new ChanMsg.Deliver(deliver.Line, deliver.Except));
                break;
            case RelayMsg.ToClient to:
                if (chat.Channels.TryGet(to.Channel, out slot)) slot.Send(new ChanMsg.ToClient(to.Client, to.Line));
                else if (chat.Clients.TryGetValue(to.Client, out var client)) client.Send(to.Line);
                break;
            case RelayMsg.Dropped dropped:
                if (chat.Channels.TryGet(dropped.Channel, out slot)) slot.Send(new ChanMsg.Dropped(dropped.Client));
                break;
            case RelayMsg.Resync resync:
                if (chat.Channels.TryGet(resync.Channel, out slot)) slot.Send(new ChanMsg.Resync());
                break;
            case RelayMsg.PeerDown down: OnPeerDown(down.Node); break;
            case RelayMsg.Private pm: OnPrivate(pm); break;
            case RelayMsg.UserQuery query: query.Reply.Reply(Describe(query)); break;
        }
        return ValueTask.CompletedTask;
    }

    private void OnCommand(ChannelSlot slot, ClientHandle who, RelayMsg.Command command, ActorContext<RelayMsg> context)
    {
        var args = command.Args;
        string Arg(int i) => i < args.Length ? args[i] : "";
        switch (command.Op)
        {
            case ChannelCommands.Say: slot.Send(new ChanMsg.Say(who, Arg(0), Arg(1))); break;
            case ChannelCommands.Part: slot.Send(new ChanMsg.Part(who, args.Length > 0 ? args[0] : null)); break;
            case ChannelCommands.Quit:
                slot.Send(new ChanMsg.Quit(who, new Broadcast(IrcText.Utf8.GetBytes(Arg(0)))));
                who.RemoveChannel(slot);   // a quit does not take the quitter's channels out (its handle is done with)
                if (who.Channels.Count == 0) cluster.Ghosts.Forget(who);
                break;
            case ChannelCommands.Nick:
                who.Nick = command.Who.Nick;
                slot.Send(new ChanMsg.Relay(who, new Broadcast(IrcText.Utf8.GetBytes(Arg(0)))));
                break;
            case ChannelCommands.Topic: slot.Send(new ChanMsg.Topic(who, args.Length > 0 ? args[0] : null)); break;
            case ChannelCommands.Names: slot.Send(new ChanMsg.Names(who)); break;
            case ChannelCommands.Who: slot.Send(new ChanMsg.WhoQuery(who)); break;
            case ChannelCommands.Mode: slot.Send(new ChanMsg.Mode(who, args)); break;
            case ChannelCommands.Kick: slot.Send(new ChanMsg.Kick(who, Arg(0), Arg(1))); break;
            case ChannelCommands.Invite when command.Target is { } target:
                slot.Send(new ChanMsg.Invite(who, Ghost(context, target, command.From)));
                break;
        }
    }

    /// <summary>The node of these ghosts went down: they quit every channel owned here.</summary>
    private void OnPeerDown(string node)
    {
        _watched.Remove(node);
        foreach (var ghost in cluster.Ghosts.RemoveNode(node))
        {
            var notice = new Broadcast(IrcText.Line($":{ghost.Prefix} QUIT :Node {node} went down"));
            foreach (var slot in ghost.Channels) slot.Send(new ChanMsg.Quit(ghost, notice));
        }
    }

    private bool TryOwned(string channel, out ChannelSlot slot) => chat.Channels.TryGet(channel, out slot) && slot.Owner is null;

    private ClientHandle Ghost(ActorContext<RelayMsg> context, Member member, IActorRef<RelayMsg> from)
    {
        if (member.Node == cluster.NodeId && chat.Clients.TryGetValue(member.Id, out var local)) return local;
        if (!_watched.ContainsKey(member.Node))
            _watched[member.Node] = from.ActorTask.Watch(context.SelfRef, new RelayMsg.PeerDown(member.Node));
        return cluster.Ghosts.GetOrAdd(chat, member, from);
    }
}
