using Actors;
using ChatServer.Cluster;
using ChatServer.Connections;
using ChatServer.Irc;

namespace ChatServer.Channels;

/// <summary>
/// The channel on a node that does not own it: <see cref="ChannelState.Members"/> holds only this node's members;
/// their commands go to the owner's relay, the owner's lines come back through this node's relay and are written
/// into the members' send queues here. When the owner's relay finishes (its node is down: death watch), the
/// channel moves: this node takes the name, or joins the node that took it (members rejoin without a JOIN line).
/// </summary>
internal sealed partial class ChannelActor
{
    private ChatCluster Cluster => chat.Cluster!;

    private async ValueTask RemoteAsync(ActorContext<ChanMsg> context, IActorRef<RelayMsg> owner, ChanMsg message)
    {
        switch (message)
        {
            case ChanMsg.Join join: join.Reply.Reply(await JoinThroughAsync(context, join).ConfigureAwait(false)); break;
            case ChanMsg.Say say: Forward(owner, say.Who, ChannelCommands.Say, [say.Command, say.Text]); break;
            case ChanMsg.Part part:
                if (_state.Members.ContainsKey(part.Who)) Forward(owner, part.Who, ChannelCommands.Part, part.Reason is null ? [] : [part.Reason]);
                else SendNumeric(part.Who, "442", $"{Name} :You're not on that channel");
                break;
            case ChanMsg.Quit quit:
                if (!_state.Members.Remove(quit.Who)) break;
                foreach (var m in _state.Members.Keys) quit.Notice.SendTo(m);
                Forward(owner, quit.Who, ChannelCommands.Quit, [IrcText.Utf8.GetString(quit.Notice.Line)]);
                RetireIfEmpty(context);
                break;
            case ChanMsg.Relay relay:
                foreach (var m in _state.Members.Keys) relay.Notice.SendTo(m);
                Forward(owner, relay.Who, ChannelCommands.Nick, [IrcText.Utf8.GetString(relay.Notice.Line)]);
                break;
            case ChanMsg.Topic topic: Forward(owner, topic.Who, ChannelCommands.Topic, topic.Text is null ? [] : [topic.Text]); break;
            case ChanMsg.Names names: Forward(owner, names.Who, ChannelCommands.Names, []); break;
            case ChanMsg.WhoQuery who: Forward(owner, who.Asker, ChannelCommands.Who, []); break;
            case ChanMsg.Mode mode: Forward(owner, mode.Who, ChannelCommands.Mode, [.. mode.Args]); break;
            case ChanMsg.Kick kick: Forward(owner, kick.Who, ChannelCommands.Kick, [kick.Target, kick.Reason]); break;
            case ChanMsg.Invite invite: Forward(owner, invite.Who, ChannelCommands.Invite, [], Member.Of(Cluster.NodeId, invite.Target)); break;
            case ChanMsg.Deliver deliver:
                foreach (var m in _state.Members.Keys) if (m.Id != deliver.Except) m.Send(deliver.Line);
                break;
            case ChanMsg.ToClient to:
                if (chat.Clients.TryGetValue(to.Client, out var client)) client.Send(to.Line);
                break;
            case ChanMsg.Dropped dropped:
                var member = _state.Members.Keys.FirstOrDefault(m => m.Id == dropped.Client);
                if (member is null) break;
                _state.Members.Remove(member);
                member.RemoveChannel(slot);
                RetireIfEmpty(context);
                break;
            case ChanMsg.Resync:
                await MoveAsync(context, "the owner had lost track of this node").ConfigureAwait(false);
                break;
            case ChanMsg.OwnerDown down:
                if (ReferenceEquals(down.Owner, owner)) await MoveAsync(context, $"node {Cluster.NodeOf(owner)} went down").ConfigureAwait(false);
                break;
        }
    }

    private void Forward(IActorRef<RelayMsg> owner, ClientHandle who, string op, string[] args, Member? target = null) =>
        owner.TryTell(new RelayMsg.Command(Name, Member.Of(Cluster.NodeId, who), Cluster.Relay, op, args, target));

    /// <summary>A local client joins through the owner; if the owner is gone, the channel moves first.</summary>
    private async Task<JoinResult> JoinThroughAsync(ActorContext<ChanMsg> context, ChanMsg.Join join)
    {
        var who = join.Who;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (slot.Closed) return JoinResult.Gone;
            if (_state.Members.ContainsKey(who)) return JoinResult.AlreadyOn;
            if (slot.Owner is not { } owner) return OnJoin(join);   // the channel moved here
            JoinResult result;
            try
            {
                result = await owner.AskAsync<JoinResult>(r => new RelayMsg.JoinRequest(Name, Member.Of(Cluster.NodeId, who), Cluster.Relay, join.Key, false, r),
                    TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ActorNotRunningException or ActorTimeoutException or Actors.Cluster.RemoteActorException)
            {
                await MoveAsync(context, "its node does not answer").ConfigureAwait(false);
                continue;
            }
            if (result == JoinResult.Gone)
            {
                if (_state.Members.Count == 0) { RetireIfEmpty(context); return JoinResult.Gone; }   // the owner let it go: start over
                await MoveAsync(context, $"node {Cluster.NodeOf(owner)} let it go").ConfigureAwait(false);
                continue;
            }
            if (result == JoinResult.Joined)
            {
                _state.Members[who] = MemberFlags.None;
                who.AddChannel(slot);
            }
            return result;
        }
        return JoinResult.Gone;
    }

    /// <summary>The owner is gone: take the channel, or rejoin this node's members at the node that took it.</summary>
    private async Task MoveAsync(ActorContext<ChanMsg> context, string why)
    {
        IActorRef<RelayMsg>? owner;
        try { owner = await Cluster.ResolveOwnerAsync(slot.Key).ConfigureAwait(false); }
        catch (Exception ex) when (ex is TimeoutException or NATS.Client.Core.NatsException or OperationCanceledException)
        {
            // The registry cannot be reached right now: try again shortly (the old owner stays in place until then).
            if (slot.Owner is { } old) _ = RetryMoveAsync(context.SelfRef, old);
            return;
        }
        slot.Owner = owner;
        var members = _state.Members.Keys.ToArray();
        if (owner is null)
        {
            foreach (var m in members) _state.Members[m] = MemberFlags.None;
            UpdateSummary();
        }
        else
        {
            owner.ActorTask.Watch(context.SelfRef, new ChanMsg.OwnerDown(owner));
            var rejoins = members.Select(m => owner.AskAsync<JoinResult>(r => new RelayMsg.JoinRequest(Name, Member.Of(Cluster.NodeId, m), Cluster.Relay, null, true, r), TimeSpan.FromSeconds(10)));
            try { await Task.WhenAll(rejoins).ConfigureAwait(false); }
            catch (Exception ex) when (ex is ActorNotRunningException or ActorTimeoutException) { }   // the new owner died too: its watch fires
        }
        var node = owner is null ? Cluster.NodeId : Cluster.NodeOf(owner);
        var notice = IrcText.Line($":{chat.ServerName} NOTICE {Name} :*** The channel moved to node {node} ({why}); topic, modes and operator status were reset, members on other nodes rejoin.");
        foreach (var m in members) m.Send(notice);
    }

    private static async Task RetryMoveAsync(IActorRef<ChanMsg> self, IActorRef<RelayMsg> old)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System).ConfigureAwait(false);
        self.TryTell(new ChanMsg.OwnerDown(old));
    }

    private void RetireIfEmpty(ActorContext<ChanMsg> context)
    {
        if (_state.Members.Count > 0 || chat.ShuttingDown || slot.Closed) return;
        slot.Closed = true;
        chat.Channels.Retire(slot, context.Self);
        context.Stop(new StopCause("channel empty"));
    }
}
