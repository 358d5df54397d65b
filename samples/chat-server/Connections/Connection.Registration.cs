using ChatServer.Channels;
using ChatServer.Irc;
using ChatServer.Server;

namespace ChatServer.Connections;

/// <summary>Line dispatch and registration: CAP, PASS, NICK, USER, welcome (001-005), MOTD.</summary>
internal sealed partial class Connection
{
    private const string Version = "actors-chat-1.0";
    private static readonly HashSet<string> s_beforeRegistration = ["CAP", "PASS", "NICK", "USER", "PING", "PONG", "QUIT"];
    private bool _capNegotiating;
    private bool _gotUser;

    private async Task OnLineAsync(string text)
    {
        Volatile.Write(ref Handle.LastActivityTicks, Chat.Time.GetUtcNow().UtcTicks);
        Volatile.Write(ref Handle.PingSentTicks, 0);
        if (text.Contains('\0'))
        {
            Handle.Send($":{Chat.ServerName} NOTICE {Handle.Nick} :Line ignored: it contains a NUL byte");
            return;
        }
        if (IrcMessage.Parse(text) is not { } msg) return;
        if (!Handle.Registered && !s_beforeRegistration.Contains(msg.Command))
        {
            Num("451", ":You have not registered");
            return;
        }
        switch (msg.Command)
        {
            case "CAP": OnCap(msg); break;
            case "PASS": if (Handle.Registered) Num("462", ":You may not reregister"); break;
            case "NICK": await OnNickAsync(msg).ConfigureAwait(false); break;
            case "USER": OnUser(msg); break;
            case "PING":
                if (msg.Parameters.Count == 0) Num("409", ":No origin specified");
                else Handle.Send($":{Chat.ServerName} PONG {Chat.ServerName} :{msg.Param(0)}");
                break;
            case "PONG": break;
            case "QUIT": CloseReason = msg.Parameters.Count > 0 && msg.Param(0).Length > 0 ? $"Quit: {IrcText.Truncate(msg.Param(0), Chat.Options.TopicLength)}" : "Client Quit"; break;
            default: await OnCommandAsync(msg).ConfigureAwait(false); break;
        }
    }

    private void OnCap(IrcMessage msg)
    {
        var target = Handle.Registered ? Handle.Nick : "*";
        switch (msg.Param(0).ToUpperInvariant())
        {
            case "LS":
                if (!Handle.Registered) _capNegotiating = true;
                Handle.Send($":{Chat.ServerName} CAP {target} LS :");
                break;
            case "LIST": Handle.Send($":{Chat.ServerName} CAP {target} LIST :"); break;
            case "REQ":
                if (!Handle.Registered) _capNegotiating = true;
                Handle.Send($":{Chat.ServerName} CAP {target} NAK :{msg.Param(1)}");
                break;
            case "END":
                _capNegotiating = false;
                TryCompleteRegistration();
                break;
            default: Num("410", $"{(msg.Parameters.Count == 0 ? "*" : msg.Param(0))} :Invalid CAP command"); break;
        }
    }

    private async Task OnNickAsync(IrcMessage msg)
    {
        var nick = msg.Param(0);
        if (nick.Length == 0) { Num("431", ":No nickname given"); return; }
        if (!IrcText.IsValidNick(nick, Chat.Options.NickLength)) { Num("432", $"{nick} :Erroneous nickname"); return; }
        if (nick == Handle.Nick) return;
        var old = Handle.Nick == "*" ? null : Handle.Nick;
        var ok = await Chat.NickRegistry.AskAsync<bool>(reply => new NickMsg.Claim(Handle, nick, old, reply)).ConfigureAwait(false);
        if (!ok) { Num("433", $"{nick} :Nickname is already in use"); return; }
        if (!Handle.Registered)
        {
            Handle.Nick = nick;
            TryCompleteRegistration();
            return;
        }
        var notice = new Broadcast(IrcText.Line($":{Handle.Prefix} NICK :{nick}"));
        Handle.Nick = nick;
        notice.SendTo(Handle);
        foreach (var slot in Handle.Channels) slot.Send(new ChanMsg.Relay(Handle, notice));
    }

    private void OnUser(IrcMessage msg)
    {
        if (Handle.Registered) { Num("462", ":You may not reregister"); return; }
        if (msg.Parameters.Count < 4 || msg.Param(0).Length == 0) { Num("461", "USER :Not enough parameters"); return; }
        var user = new string(msg.Param(0).Where(c => c > ' ' && c != '@' && c != '!' && c < 127).Take(10).ToArray());
        Handle.User = user.Length == 0 ? "user" : user;
        Handle.RealName = IrcText.Truncate(msg.Param(3), 100);
        _gotUser = true;
        TryCompleteRegistration();
    }

    private void TryCompleteRegistration()
    {
        if (Handle.Registered || !_gotUser || Handle.Nick == "*" || _capNegotiating) return;
        Handle.Registered = true;
        var o = Chat.Options;
        Num("001", $":Welcome to the {o.Network} IRC Network {Handle.Prefix}");
        Num("002", $":Your host is {Chat.ServerName}, running version {Version}");
        Num("003", $":This server was created {Chat.Created:R}");
        Num("004", $"{Chat.ServerName} {Version} i biklmnostv klov");
        Num("005", $"CASEMAPPING=ascii CHANTYPES=# PREFIX=(ov)@+ CHANMODES=b,k,l,imnst NICKLEN={o.NickLength} CHANNELLEN={o.ChannelLength} " +
            $"TOPICLEN={o.TopicLength} KICKLEN={o.TopicLength} AWAYLEN={o.TopicLength} CHANLIMIT=#:{o.MaxChannelsPerUser} MODES=4 NETWORK={o.Network} :are supported by this server");
        SendLusers();
        SendMotd();
    }

    private void SendLusers()
    {
        var users = Chat.Nicks.Count;
        Num("251", $":There are {users} users and 0 invisible on 1 servers");
        Num("254", $"{Chat.Channels.Count} :channels formed");
        Num("255", $":I have {users} clients and 0 servers");
    }

    private void SendMotd()
    {
        var motd = Chat.Options.Motd;
        if (motd.Length == 0) { Num("422", ":MOTD File is missing"); return; }
        Num("375", $":- {Chat.ServerName} Message of the day - ");
        foreach (var line in motd) Num("372", $":- {line}");
        Num("376", ":End of /MOTD command.");
    }
}
