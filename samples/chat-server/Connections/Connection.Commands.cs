using System.Globalization;
using ChatServer.Channels;
using ChatServer.Irc;

namespace ChatServer.Connections;

/// <summary>Commands of a registered client other than channel management: messages, queries, AWAY.</summary>
internal sealed partial class Connection
{
    private async Task OnCommandAsync(IrcMessage msg)
    {
        switch (msg.Command)
        {
            case "PRIVMSG" or "NOTICE": await OnMessageAsync(msg).ConfigureAwait(false); break;
            case "JOIN": await OnJoinAsync(msg).ConfigureAwait(false); break;
            case "PART": OnPart(msg); break;
            case "TOPIC": OnTopic(msg); break;
            case "NAMES": OnNames(msg); break;
            case "LIST": OnList(msg); break;
            case "KICK": OnKick(msg); break;
            case "INVITE": OnInvite(msg); break;
            case "MODE": OnMode(msg); break;
            case "WHO": await OnWhoAsync(msg).ConfigureAwait(false); break;
            case "WHOIS": await OnWhoisAsync(msg).ConfigureAwait(false); break;
            case "AWAY": OnAway(msg); break;
            case "MOTD": SendMotd(); break;
            case "LUSERS": SendLusers(); break;
            case "USERHOST": await OnUserhostAsync(msg).ConfigureAwait(false); break;
            case "ISON": await OnIsonAsync(msg).ConfigureAwait(false); break;
            case "CRASHME" when Chat.Options.EnableCrashCommands:
                throw new InvalidOperationException("Connection told to crash (test hook).");
            case "CRASHCHAN" when Chat.Options.EnableCrashCommands:
                if (Chat.Channels.TryGet(msg.Param(0), out var crash)) crash.Send(new ChanMsg.Crash());
                break;
            default: Num("421", $"{msg.Command} :Unknown command"); break;
        }
    }

    private async Task OnMessageAsync(IrcMessage msg)
    {
        var notice = msg.Command == "NOTICE";
        if (msg.Parameters.Count == 0 || msg.Param(0).Length == 0)
        {
            if (!notice) Num("411", $":No recipient given ({msg.Command})");
            return;
        }
        if (msg.Parameters.Count < 2 || msg.Param(1).Length == 0)
        {
            if (!notice) Num("412", ":No text to send");
            return;
        }
        var text = msg.Param(1);
        Handle.LastSpokeTicks = Chat.Time.GetUtcNow().UtcTicks;
        foreach (var target in msg.Param(0).Split(',').Take(4))
        {
            if (target.StartsWith('#'))
            {
                if (Chat.Channels.TryGet(target, out var slot)) slot.Send(new ChanMsg.Say(Handle, msg.Command, text));
                else if (!notice) Num("401", $"{target} :No such nick/channel");
                continue;
            }
            if (!await SendToNickAsync(target, msg.Command, text).ConfigureAwait(false) && !notice) Num("401", $"{target} :No such nick/channel");
        }
    }

    private async Task OnWhoAsync(IrcMessage msg)
    {
        var mask = msg.Parameters.Count > 0 ? msg.Param(0) : "*";
        if (mask.StartsWith('#'))
        {
            if (Chat.Channels.TryGet(mask, out var slot)) slot.Send(new ChanMsg.WhoQuery(Handle));
            else Num("315", $"{mask} :End of /WHO list");
            return;
        }
        if (await FindUserAsync(mask).ConfigureAwait(false) is { } peer)
            Num("352", $"* {peer.User} {peer.Host} {peer.Server} {peer.Nick} {(peer.Away is null ? "H" : "G")} :0 {peer.RealName}");
        Num("315", $"{mask} :End of /WHO list");
    }

    private async Task OnWhoisAsync(IrcMessage msg)
    {
        if (msg.Parameters.Count == 0) { Num("431", ":No nickname given"); return; }
        var nick = msg.Parameters.Count > 1 ? msg.Param(1) : msg.Param(0);
        if (await FindUserAsync(nick).ConfigureAwait(false) is not { } peer)
        {
            Num("401", $"{nick} :No such nick/channel");
            Num("318", $"{nick} :End of /WHOIS list");
            return;
        }
        Num("311", $"{peer.Nick} {peer.User} {peer.Host} * :{peer.RealName}");
        if (peer.Channels.Length > 0) Num("319", $"{peer.Nick} :{string.Join(' ', peer.Channels)}");
        Num("312", $"{peer.Nick} {peer.Server} :{Chat.Options.Network}");
        if (peer.Away is { } away) Num("301", $"{peer.Nick} :{away}");
        Num("317", string.Create(CultureInfo.InvariantCulture, $"{peer.Nick} {peer.IdleSeconds} {peer.SignOn} :seconds idle, signon time"));
        Num("318", $"{peer.Nick} :End of /WHOIS list");
    }

    private void OnAway(IrcMessage msg)
    {
        if (msg.Parameters.Count == 0 || msg.Param(0).Length == 0)
        {
            Handle.Away = null;
            Num("305", ":You are no longer marked as being away");
            return;
        }
        Handle.Away = IrcText.Truncate(msg.Param(0), Chat.Options.TopicLength);
        Num("306", ":You have been marked as being away");
    }

    private async Task OnUserhostAsync(IrcMessage msg)
    {
        var replies = new List<string>();
        foreach (var nick in msg.Parameters.Take(5))
            if (await FindUserAsync(nick).ConfigureAwait(false) is { } p) replies.Add($"{p.Nick}={(p.Away is null ? "+" : "-")}{p.User}@{p.Host}");
        Num("302", ":" + string.Join(' ', replies));
    }

    private async Task OnIsonAsync(IrcMessage msg)
    {
        var online = new List<string>();
        foreach (var nick in msg.Parameters.SelectMany(p => p.Split(' ')).Where(n => n.Length > 0).Take(32))
            if (await FindUserAsync(nick).ConfigureAwait(false) is { } p) online.Add(p.Nick);
        Num("303", ":" + string.Join(' ', online));
    }
}
