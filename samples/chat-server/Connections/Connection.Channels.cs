using Actors;
using ChatServer.Channels;
using ChatServer.Irc;

namespace ChatServer.Connections;

/// <summary>Channel commands: JOIN, PART, TOPIC, NAMES, LIST, KICK, MODE, INVITE.</summary>
internal sealed partial class Connection
{
    private async Task OnJoinAsync(IrcMessage msg)
    {
        if (msg.Parameters.Count == 0) { Num("461", "JOIN :Not enough parameters"); return; }
        if (msg.Param(0) == "0")
        {
            foreach (var slot in Handle.Channels) slot.Send(new ChanMsg.Part(Handle, Handle.Nick));
            return;
        }
        var names = msg.Param(0).Split(',');
        var keys = msg.Param(1).Split(',');
        for (var i = 0; i < names.Length; i++)
            await JoinAsync(names[i], i < keys.Length && keys[i].Length > 0 ? keys[i] : null).ConfigureAwait(false);
    }

    private async Task JoinAsync(string name, string? key)
    {
        if (!IrcText.IsValidChannel(name, Chat.Options.ChannelLength)) { Num("403", $"{name} :No such channel"); return; }
        if (Handle.Channels.Count >= Chat.Options.MaxChannelsPerUser) { Num("405", $"{name} :You have joined too many channels"); return; }
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var slot = await Chat.Channels.GetOrCreateAsync(name).ConfigureAwait(false);
            JoinResult result;
            try { result = await slot.Ref.AskAsync<JoinResult>(reply => new ChanMsg.Join(Handle, key, reply), TimeSpan.FromSeconds(10)).ConfigureAwait(false); }
            catch (ActorNotRunningException) { result = JoinResult.Gone; }
            if (result != JoinResult.Gone) return;
            // The channel emptied and closed, or its actor is being restarted: look it up again.
            await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt), TimeProvider.System).ConfigureAwait(false);
        }
        Handle.Send($":{Chat.ServerName} NOTICE {Handle.Nick} :Could not join {name} right now; try again");
    }

    private bool TryChannel(string name, out ChannelSlot slot)
    {
        if (Chat.Channels.TryGet(name, out slot)) return true;
        Num("403", $"{name} :No such channel");
        return false;
    }

    private void OnPart(IrcMessage msg)
    {
        if (msg.Parameters.Count == 0) { Num("461", "PART :Not enough parameters"); return; }
        var reason = msg.Parameters.Count > 1 ? IrcText.Truncate(msg.Param(1), Chat.Options.TopicLength) : null;
        foreach (var name in msg.Param(0).Split(','))
        {
            if (!TryChannel(name, out var slot)) continue;
            if (!Handle.Channels.Contains(slot)) { Num("442", $"{name} :You're not on that channel"); continue; }
            slot.Send(new ChanMsg.Part(Handle, reason));
        }
    }

    private void OnTopic(IrcMessage msg)
    {
        if (msg.Parameters.Count == 0) { Num("461", "TOPIC :Not enough parameters"); return; }
        if (TryChannel(msg.Param(0), out var slot)) slot.Send(new ChanMsg.Topic(Handle, msg.Parameters.Count > 1 ? msg.Param(1) : null));
    }

    private void OnNames(IrcMessage msg)
    {
        if (msg.Parameters.Count == 0)
        {
            Num("366", "* :End of /NAMES list");
            return;
        }
        foreach (var name in msg.Param(0).Split(','))
            if (Chat.Channels.TryGet(name, out var slot)) slot.Send(new ChanMsg.Names(Handle));
            else Num("366", $"{name} :End of /NAMES list");
    }

    private void OnList(IrcMessage msg)
    {
        var filter = msg.Parameters.Count > 0 ? msg.Param(0).Split(',').Select(IrcText.Fold).ToHashSet() : null;
        Num("321", "Channel :Users  Name");
        foreach (var slot in Chat.Channels.All())
        {
            if (filter is not null && !filter.Contains(slot.Key)) continue;
            if (slot.Secret && !Handle.Channels.Contains(slot)) continue;
            Num("322", $"{slot.Name} {slot.MemberCount} :{slot.Topic}");
        }
        Num("323", ":End of /LIST");
    }

    private void OnKick(IrcMessage msg)
    {
        if (msg.Parameters.Count < 2) { Num("461", "KICK :Not enough parameters"); return; }
        if (!TryChannel(msg.Param(0), out var slot)) return;
        var reason = msg.Parameters.Count > 2 && msg.Param(2).Length > 0 ? msg.Param(2) : Handle.Nick;
        foreach (var target in msg.Param(1).Split(',')) slot.Send(new ChanMsg.Kick(Handle, target, reason));
    }

    private void OnInvite(IrcMessage msg)
    {
        if (msg.Parameters.Count < 2) { Num("461", "INVITE :Not enough parameters"); return; }
        if (!Chat.Nicks.TryGetValue(IrcText.Fold(msg.Param(0)), out var target)) { Num("401", $"{msg.Param(0)} :No such nick/channel"); return; }
        if (TryChannel(msg.Param(1), out var slot)) slot.Send(new ChanMsg.Invite(Handle, target));
    }

    private void OnMode(IrcMessage msg)
    {
        if (msg.Parameters.Count == 0) { Num("461", "MODE :Not enough parameters"); return; }
        var target = msg.Param(0);
        if (target.StartsWith('#'))
        {
            if (TryChannel(target, out var slot)) slot.Send(new ChanMsg.Mode(Handle, msg.Parameters.Skip(1).ToArray()));
            return;
        }
        if (IrcText.Fold(target) != IrcText.Fold(Handle.Nick))
        {
            if (Chat.Nicks.ContainsKey(IrcText.Fold(target))) Num("502", ":Cant change mode for other users");
            else Num("401", $"{target} :No such nick/channel");
            return;
        }
        if (msg.Parameters.Count == 1) { Num("221", _invisible ? "+i" : "+"); return; }
        var adding = true;
        var changed = "";
        foreach (var c in msg.Param(1))
        {
            if (c is '+' or '-') { adding = c == '+'; continue; }
            if (c == 'i')
            {
                if (_invisible != adding) changed += (adding ? "+" : "-") + "i";
                _invisible = adding;
            }
            else Num("501", ":Unknown MODE flag");
        }
        if (changed.Length > 0) Handle.Send($":{Handle.Nick} MODE {Handle.Nick} :{changed}");
    }

    private bool _invisible;
}
