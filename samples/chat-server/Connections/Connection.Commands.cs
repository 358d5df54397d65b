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
            case "PRIVMSG" or "NOTICE": OnMessage(msg); break;
            case "JOIN": await OnJoinAsync(msg).ConfigureAwait(false); break;
            case "PART": OnPart(msg); break;
            case "TOPIC": OnTopic(msg); break;
            case "NAMES": OnNames(msg); break;
            case "LIST": OnList(msg); break;
            case "KICK": OnKick(msg); break;
            case "INVITE": OnInvite(msg); break;
            case "MODE": OnMode(msg); break;
            case "WHO": OnWho(msg); break;
            case "WHOIS": OnWhois(msg); break;
            case "AWAY": OnAway(msg); break;
            case "MOTD": SendMotd(); break;
            case "LUSERS": SendLusers(); break;
            case "USERHOST": OnUserhost(msg); break;
            case "ISON":
                Num("303", ":" + string.Join(' ', msg.Parameters.SelectMany(p => p.Split(' ')).Where(n => n.Length > 0 && Chat.Nicks.ContainsKey(IrcText.Fold(n)))));
                break;
            case "CRASHME" when Chat.Options.EnableCrashCommands:
                throw new InvalidOperationException("Connection told to crash (test hook).");
            case "CRASHCHAN" when Chat.Options.EnableCrashCommands:
                if (Chat.Channels.TryGet(msg.Param(0), out var crash)) crash.Send(new ChanMsg.Crash());
                break;
            default: Num("421", $"{msg.Command} :Unknown command"); break;
        }
    }

    private void OnMessage(IrcMessage msg)
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
            if (!Chat.Nicks.TryGetValue(IrcText.Fold(target), out var peer))
            {
                if (!notice) Num("401", $"{target} :No such nick/channel");
                continue;
            }
            peer.Send($":{Handle.Prefix} {msg.Command} {peer.Nick} :{text}");
            if (!notice && peer.Away is { } away) Num("301", $"{peer.Nick} :{away}");
        }
    }

    private void OnWho(IrcMessage msg)
    {
        var mask = msg.Parameters.Count > 0 ? msg.Param(0) : "*";
        if (mask.StartsWith('#'))
        {
            if (Chat.Channels.TryGet(mask, out var slot)) slot.Send(new ChanMsg.WhoQuery(Handle));
            else Num("315", $"{mask} :End of /WHO list");
            return;
        }
        if (Chat.Nicks.TryGetValue(IrcText.Fold(mask), out var peer))
            Num("352", $"* {peer.User} {peer.Host} {Chat.ServerName} {peer.Nick} {(peer.Away is null ? "H" : "G")} :0 {peer.RealName}");
        Num("315", $"{mask} :End of /WHO list");
    }

    private void OnWhois(IrcMessage msg)
    {
        if (msg.Parameters.Count == 0) { Num("431", ":No nickname given"); return; }
        var nick = msg.Parameters.Count > 1 ? msg.Param(1) : msg.Param(0);
        if (!Chat.Nicks.TryGetValue(IrcText.Fold(nick), out var peer))
        {
            Num("401", $"{nick} :No such nick/channel");
            Num("318", $"{nick} :End of /WHOIS list");
            return;
        }
        Num("311", $"{peer.Nick} {peer.User} {peer.Host} * :{peer.RealName}");
        var channels = peer.Channels.Where(s => !s.Secret || Handle.Channels.Contains(s)).Select(s => s.Name).ToArray();
        if (channels.Length > 0) Num("319", $"{peer.Nick} :{string.Join(' ', channels)}");
        Num("312", $"{peer.Nick} {Chat.ServerName} :{Chat.Options.Network}");
        if (peer.Away is { } away) Num("301", $"{peer.Nick} :{away}");
        var now = Chat.Time.GetUtcNow();
        var spoke = peer.LastSpokeTicks == 0 ? peer.SignOn : new DateTimeOffset(peer.LastSpokeTicks, TimeSpan.Zero);
        Num("317", string.Create(CultureInfo.InvariantCulture, $"{peer.Nick} {(long)(now - spoke).TotalSeconds} {peer.SignOn.ToUnixTimeSeconds()} :seconds idle, signon time"));
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

    private void OnUserhost(IrcMessage msg)
    {
        var replies = msg.Parameters.Take(5)
            .Select(n => Chat.Nicks.TryGetValue(IrcText.Fold(n), out var p) ? $"{p.Nick}={(p.Away is null ? "+" : "-")}{p.User}@{p.Host}" : null)
            .Where(r => r is not null);
        Num("302", ":" + string.Join(' ', replies));
    }
}
