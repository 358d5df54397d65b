using ChatServer.Cluster;
using ChatServer.Connections;
using ChatServer.Irc;

namespace ChatServer.Channels;

/// <summary>Writing lines to members: local members' send queues directly; remote members (ghosts, in a cluster)
/// through their node's relay, one message per node and line.</summary>
internal sealed partial class ChannelActor
{
    private List<Ghost>? _dropped;   // remote members taken out during this message; their nodes are told after its lines

    /// <summary>Sends <paramref name="line"/> to every member but <paramref name="except"/>.</summary>
    private void Fanout(byte[] line, IEnumerable<ClientHandle> members, ClientHandle? except = null)
    {
        if (chat.Cluster is not { } cluster)
        {
            foreach (var m in members) if (!ReferenceEquals(m, except)) m.Send(line);
            return;
        }
        List<Ghost>? nodes = null;
        foreach (var m in members)
        {
            if (!cluster.Ghosts.TryGet(m, out var ghost)) { if (!ReferenceEquals(m, except)) m.Send(line); }
            else if (nodes is null || !nodes.Exists(n => n.Node == ghost.Node)) (nodes ??= []).Add(ghost);
        }
        if (nodes is null) return;
        Ghost? skip = null;
        if (except is not null) cluster.Ghosts.TryGet(except, out skip);
        foreach (var node in nodes) node.Relay.TryTell(new RelayMsg.Deliver(Name, line, skip is not null && skip.Node == node.Node ? skip.Id : 0));
    }

    /// <summary>A line about <paramref name="subject"/> (QUIT, NICK) that local members get once however many channels they share
    /// with it; the subject's own node (if remote) has told its members already.</summary>
    private void FanoutNotice(Broadcast notice, ClientHandle subject)
    {
        if (chat.Cluster is not { } cluster)
        {
            foreach (var m in _state.Members.Keys) notice.SendTo(m);
            return;
        }
        cluster.Ghosts.TryGet(subject, out var origin);
        List<Ghost>? nodes = null;
        foreach (var m in _state.Members.Keys)
        {
            if (!cluster.Ghosts.TryGet(m, out var ghost)) notice.SendTo(m);
            else if (ghost.Node != origin?.Node && (nodes is null || !nodes.Exists(n => n.Node == ghost.Node))) (nodes ??= []).Add(ghost);
        }
        foreach (var node in nodes ?? []) node.Relay.TryTell(new RelayMsg.Deliver(Name, notice.Line, 0));
    }

    private void SendTo(ClientHandle to, byte[] line)
    {
        if (chat.Cluster is { } cluster && cluster.Ghosts.TryGet(to, out var ghost)) ghost.Relay.TryTell(new RelayMsg.ToClient(Name, ghost.Id, line));
        else to.Send(line);
    }

    private void SendNumeric(ClientHandle to, string code, string rest) => SendTo(to, IrcText.Line(chat.Numeric(to, code, rest)));

    private void NoteDropped(ClientHandle who)
    {
        if (chat.Cluster is { } cluster && cluster.Ghosts.TryGet(who, out var ghost)) (_dropped ??= []).Add(ghost);
    }

    private void FlushDropped()
    {
        if (_dropped is null) return;
        foreach (var ghost in _dropped) ghost.Relay.TryTell(new RelayMsg.Dropped(Name, ghost.Id));
        _dropped = null;
    }
}
