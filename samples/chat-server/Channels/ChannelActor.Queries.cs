using System.Text;
using ChatServer.Connections;
using ChatServer.Irc;

namespace ChatServer.Channels;

/// <summary>NAMES and WHO for one channel.</summary>
internal sealed partial class ChannelActor
{
    private void SendNames(ClientHandle who)
    {
        if (!_state.Secret || _state.Members.ContainsKey(who))
        {
            var head = chat.Numeric(who, "353", $"{(_state.Secret ? "@" : "=")} {Name} :");
            var line = new StringBuilder(head);
            foreach (var (member, flags) in _state.Members)
            {
                var entry = Prefix(flags) + member.Nick;
                if (line.Length + entry.Length + 1 > 500 && line.Length > head.Length)
                {
                    SendTo(who, IrcText.Line(line.ToString().TrimEnd()));
                    line.Clear().Append(head);
                }
                line.Append(entry).Append(' ');
            }
            SendTo(who, IrcText.Line(line.ToString().TrimEnd()));
        }
        SendNumeric(who, "366", $"{Name} :End of /NAMES list");
    }

    private void SendWho(ClientHandle asker)
    {
        if (!_state.Secret || _state.Members.ContainsKey(asker))
            foreach (var (m, flags) in _state.Members)
                SendNumeric(asker, "352", $"{Name} {m.User} {m.Host} {chat.ServerName} {m.Nick} {(m.Away is null ? "H" : "G")}{Prefix(flags)} :0 {m.RealName}");
        SendNumeric(asker, "315", $"{Name} :End of /WHO list");
    }

    private static string Prefix(MemberFlags flags) =>
        (flags & MemberFlags.Op) != 0 ? "@" : (flags & MemberFlags.Voice) != 0 ? "+" : "";
}
