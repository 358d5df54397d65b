using Actors;
using ChatServer.Connections;
using ChatServer.Irc;
using ChatServer.Server;

namespace ChatServer.Channels;

/// <summary>One channel: members, topic, modes; fans messages out by writing one encoded line into each member's send queue.
/// In a cluster the channel is owned by one node: there this actor holds the state (remote members are ghosts, served
/// through their node's relay); on the other nodes it passes its local members' commands to the owner and the
/// owner's lines to them (<c>ChannelActor.Remote.cs</c>).</summary>
internal sealed partial class ChannelActor(ChatContext chat, ChannelSlot slot) : IActor<ChanMsg>
{
    private readonly ChannelState _state = slot.State;

    private string Name => _state.Name;

    public ValueTask ReceiveAsync(ActorContext<ChanMsg> context, ChanMsg message)
    {
        if (slot.Owner is { } owner && message is not ChanMsg.Crash) return RemoteAsync(context, owner, message);
        switch (message)
        {
            case ChanMsg.Say say: OnSay(say); break;
            case ChanMsg.Join join: join.Reply.Reply(OnJoin(join)); break;
            case ChanMsg.Part part: OnPart(context, part); break;
            case ChanMsg.Quit quit: Remove(context, quit.Who, quit.Notice); break;
            case ChanMsg.Relay relay: FanoutNotice(relay.Notice, relay.Who); break;
            case ChanMsg.Topic topic: OnTopic(topic); break;
            case ChanMsg.Names names: SendNames(names.Who); break;
            case ChanMsg.WhoQuery who: SendWho(who.Asker); break;
            case ChanMsg.Mode mode: OnMode(mode); break;
            case ChanMsg.Kick kick: OnKick(context, kick); break;
            case ChanMsg.Invite invite: OnInvite(invite); break;
            case ChanMsg.Restarted: AnnounceRestart(); break;
            case ChanMsg.Crash: throw new InvalidOperationException($"Channel {Name} was told to crash (test hook).");
            case ChanMsg.ToClient to: if (chat.Clients.TryGetValue(to.Client, out var client)) client.Send(to.Line); break;
        }
        FlushDropped();
        return ValueTask.CompletedTask;
    }

    private void AnnounceRestart()
    {
        Fanout(IrcText.Line($":{chat.ServerName} NOTICE {Name} :*** The channel's actor crashed and was restarted; members, topic and modes were kept."), _state.Members.Keys);
    }

    private JoinResult OnJoin(ChanMsg.Join join)
    {
        var who = join.Who;
        if (slot.Closed) return JoinResult.Gone;
        if (_state.Members.ContainsKey(who)) return JoinResult.AlreadyOn;
        if (join.Quiet) return Rejoin(who);
        var folded = IrcText.Fold(who.Nick);
        var invited = _state.Invited.Contains(folded);
        if (_state.Members.Count > 0)
        {
            if (_state.InviteOnly && !invited) return Refuse(who, "473", $"{Name} :Cannot join channel (+i)");
            if (_state.Key is { } key && key != join.Key && !invited) return Refuse(who, "475", $"{Name} :Cannot join channel (+k)");
            if (_state.Limit > 0 && _state.Members.Count >= _state.Limit && !invited) return Refuse(who, "471", $"{Name} :Cannot join channel (+l)");
        }
        _state.Invited.Remove(folded);
        _state.Members[who] = _state.Members.Count == 0 ? MemberFlags.Op : MemberFlags.None;
        who.AddChannel(slot);
        UpdateSummary();
        Fanout(IrcText.Line($":{who.Prefix} JOIN {Name}"), _state.Members.Keys);
        if (_state.Topic is not null) SendTopic(who);
        SendNames(who);
        return JoinResult.Joined;
    }

    /// <summary>A member of a channel that moved here from a node that went down: added without a JOIN line.</summary>
    private JoinResult Rejoin(ClientHandle who)
    {
        _state.Members[who] = _state.Members.Count == 0 ? MemberFlags.Op : MemberFlags.None;
        who.AddChannel(slot);
        UpdateSummary();
        return JoinResult.Joined;
    }

    private JoinResult Refuse(ClientHandle who, string code, string rest)
    {
        SendNumeric(who, code, rest);
        return JoinResult.Refused;
    }

    private void OnPart(ActorContext<ChanMsg> context, ChanMsg.Part part)
    {
        if (!_state.Members.ContainsKey(part.Who))
        {
            SendNumeric(part.Who, "442", $"{Name} :You're not on that channel");
            return;
        }
        var line = IrcText.Line($":{part.Who.Prefix} PART {Name}" + (string.IsNullOrEmpty(part.Reason) ? "" : $" :{part.Reason}"));
        var members = _state.Members.Keys.ToArray();
        part.Who.RemoveChannel(slot);
        Remove(context, part.Who, null);   // first, so that whoever reads the PART sees the channel as it is now
        Fanout(line, members);
    }

    private void OnSay(ChanMsg.Say say)
    {
        var member = _state.Members.TryGetValue(say.Who, out var flags);
        if ((!member && _state.NoExternal) || (_state.Moderated && flags == MemberFlags.None))
        {
            if (say.Command == "PRIVMSG") SendNumeric(say.Who, "404", $"{Name} :Cannot send to channel");
            return;
        }
        Fanout(IrcText.Line($":{say.Who.Prefix} {say.Command} {Name} :{say.Text}"), _state.Members.Keys, except: say.Who);
    }

    /// <summary>Takes a member out; tells the others with <paramref name="notice"/> if given; an empty channel goes away.</summary>
    private void Remove(ActorContext<ChanMsg> context, ClientHandle who, Broadcast? notice)
    {
        if (!_state.Members.Remove(who)) return;
        NoteDropped(who);
        if (notice is not null) FanoutNotice(notice, who);
        UpdateSummary();
        if (_state.Members.Count > 0 || chat.ShuttingDown) return;
        slot.Closed = true;
        chat.Channels.Retire(slot, context.Self);
        context.Stop(new StopCause("channel empty"));
    }

    private void UpdateSummary()
    {
        slot.MemberCount = _state.Members.Count;
        slot.Topic = _state.Topic;
        slot.Secret = _state.Secret;
    }
}
