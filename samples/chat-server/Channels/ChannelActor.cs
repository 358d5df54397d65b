using Actors;
using ChatServer.Connections;
using ChatServer.Irc;
using ChatServer.Server;

namespace ChatServer.Channels;

/// <summary>One channel: members, topic, modes; fans messages out by writing one encoded line into each member's send queue.</summary>
internal sealed partial class ChannelActor(ChatContext chat, ChannelSlot slot) : IActor<ChanMsg>
{
    private readonly ChannelState _state = slot.State;

    private string Name => _state.Name;

    public ValueTask ReceiveAsync(ActorContext<ChanMsg> context, ChanMsg message)
    {
        switch (message)
        {
            case ChanMsg.Say say: OnSay(say); break;
            case ChanMsg.Join join: join.Reply.Reply(OnJoin(join)); break;
            case ChanMsg.Part part: OnPart(context, part); break;
            case ChanMsg.Quit quit: Remove(context, quit.Who, quit.Notice); break;
            case ChanMsg.Relay relay: foreach (var m in _state.Members.Keys) relay.Notice.SendTo(m); break;
            case ChanMsg.Topic topic: OnTopic(topic); break;
            case ChanMsg.Names names: SendNames(names.Who); break;
            case ChanMsg.WhoQuery who: SendWho(who.Asker); break;
            case ChanMsg.Mode mode: OnMode(mode); break;
            case ChanMsg.Kick kick: OnKick(context, kick); break;
            case ChanMsg.Invite invite: OnInvite(invite); break;
            case ChanMsg.Restarted: AnnounceRestart(); break;
            case ChanMsg.Crash: throw new InvalidOperationException($"Channel {Name} was told to crash (test hook).");
        }
        return ValueTask.CompletedTask;
    }

    private void AnnounceRestart()
    {
        var line = IrcText.Line($":{chat.ServerName} NOTICE {Name} :*** The channel's actor crashed and was restarted; members, topic and modes were kept.");
        foreach (var m in _state.Members.Keys) m.Send(line);
    }

    private JoinResult OnJoin(ChanMsg.Join join)
    {
        var who = join.Who;
        if (slot.Closed) return JoinResult.Gone;
        if (_state.Members.ContainsKey(who)) return JoinResult.AlreadyOn;
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
        var line = IrcText.Line($":{who.Prefix} JOIN {Name}");
        foreach (var m in _state.Members.Keys) m.Send(line);
        if (_state.Topic is not null) SendTopic(who);
        SendNames(who);
        return JoinResult.Joined;
    }

    private JoinResult Refuse(ClientHandle who, string code, string rest)
    {
        chat.SendNumeric(who, code, rest);
        return JoinResult.Refused;
    }

    private void OnPart(ActorContext<ChanMsg> context, ChanMsg.Part part)
    {
        if (!_state.Members.ContainsKey(part.Who))
        {
            chat.SendNumeric(part.Who, "442", $"{Name} :You're not on that channel");
            return;
        }
        var line = IrcText.Line($":{part.Who.Prefix} PART {Name}" + (string.IsNullOrEmpty(part.Reason) ? "" : $" :{part.Reason}"));
        var members = _state.Members.Keys.ToArray();
        part.Who.RemoveChannel(slot);
        Remove(context, part.Who, null);   // first, so that whoever reads the PART sees the channel as it is now
        foreach (var m in members) m.Send(line);
    }

    private void OnSay(ChanMsg.Say say)
    {
        var member = _state.Members.TryGetValue(say.Who, out var flags);
        if ((!member && _state.NoExternal) || (_state.Moderated && flags == MemberFlags.None))
        {
            if (say.Command == "PRIVMSG") chat.SendNumeric(say.Who, "404", $"{Name} :Cannot send to channel");
            return;
        }
        var line = IrcText.Line($":{say.Who.Prefix} {say.Command} {Name} :{say.Text}");
        foreach (var m in _state.Members.Keys)
            if (!ReferenceEquals(m, say.Who)) m.Send(line);
    }

    /// <summary>Takes a member out; tells the others with <paramref name="notice"/> if given; an empty channel goes away.</summary>
    private void Remove(ActorContext<ChanMsg> context, ClientHandle who, Broadcast? notice)
    {
        if (!_state.Members.Remove(who)) return;
        if (notice is not null) foreach (var m in _state.Members.Keys) notice.SendTo(m);
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
