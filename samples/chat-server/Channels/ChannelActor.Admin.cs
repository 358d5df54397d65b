using Actors;
using ChatServer.Connections;
using ChatServer.Irc;

namespace ChatServer.Channels;

/// <summary>Operator commands: TOPIC, MODE, KICK, INVITE.</summary>
internal sealed partial class ChannelActor
{
    private bool RequireMember(ClientHandle who, out MemberFlags flags)
    {
        if (_state.Members.TryGetValue(who, out flags)) return true;
        SendNumeric(who, "442", $"{Name} :You're not on that channel");
        return false;
    }

    private bool RequireOp(ClientHandle who)
    {
        if (!RequireMember(who, out var flags)) return false;
        if ((flags & MemberFlags.Op) != 0) return true;
        SendNumeric(who, "482", $"{Name} :You're not channel operator");
        return false;
    }

    private void SendTopic(ClientHandle who)
    {
        if (_state.Topic is null)
        {
            SendNumeric(who, "331", $"{Name} :No topic is set");
            return;
        }
        SendNumeric(who, "332", $"{Name} :{_state.Topic}");
        SendNumeric(who, "333", $"{Name} {_state.TopicBy} {_state.TopicAt.ToUnixTimeSeconds()}");
    }

    private void OnTopic(ChanMsg.Topic topic)
    {
        if (topic.Text is null)
        {
            if (_state.Secret && !_state.Members.ContainsKey(topic.Who)) SendNumeric(topic.Who, "442", $"{Name} :You're not on that channel");
            else SendTopic(topic.Who);
            return;
        }
        if (_state.TopicLock ? !RequireOp(topic.Who) : !RequireMember(topic.Who, out _)) return;
        var text = IrcText.Truncate(topic.Text, chat.Options.TopicLength);
        _state.Topic = text.Length == 0 ? null : text;
        _state.TopicBy = topic.Who.Nick;
        _state.TopicAt = chat.Time.GetUtcNow();
        UpdateSummary();
        Fanout(IrcText.Line($":{topic.Who.Prefix} TOPIC {Name} :{text}"), _state.Members.Keys);
    }

    private void OnKick(ActorContext<ChanMsg> context, ChanMsg.Kick kick)
    {
        if (!RequireOp(kick.Who)) return;
        var target = _state.Members.Keys.FirstOrDefault(m => IrcText.Fold(m.Nick) == IrcText.Fold(kick.Target));
        if (target is null)
        {
            SendNumeric(kick.Who, "441", $"{kick.Target} {Name} :They aren't on that channel");
            return;
        }
        var line = IrcText.Line($":{kick.Who.Prefix} KICK {Name} {target.Nick} :{IrcText.Truncate(kick.Reason, chat.Options.TopicLength)}");
        var members = _state.Members.Keys.ToArray();
        target.RemoveChannel(slot);
        Remove(context, target, null);
        Fanout(line, members);
    }

    private void OnInvite(ChanMsg.Invite invite)
    {
        if (!RequireMember(invite.Who, out var flags)) return;
        if (_state.InviteOnly && (flags & MemberFlags.Op) == 0)
        {
            SendNumeric(invite.Who, "482", $"{Name} :You're not channel operator");
            return;
        }
        if (_state.Members.ContainsKey(invite.Target))
        {
            SendNumeric(invite.Who, "443", $"{invite.Target.Nick} {Name} :is already on channel");
            return;
        }
        _state.Invited.Add(IrcText.Fold(invite.Target.Nick));
        SendNumeric(invite.Who, "341", $"{invite.Target.Nick} {Name}");
        SendTo(invite.Target, IrcText.Line($":{invite.Who.Prefix} INVITE {invite.Target.Nick} {Name}"));
    }
}
