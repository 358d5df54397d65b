using System.Globalization;
using System.Text;
using ChatServer.Connections;
using ChatServer.Irc;

namespace ChatServer.Channels;

/// <summary>Channel MODE: +o +v +n +t +k +l +m +i +s (and an empty ban list).</summary>
internal sealed partial class ChannelActor
{
    private void OnMode(ChanMsg.Mode mode)
    {
        var who = mode.Who;
        if (mode.Args.Count == 0)
        {
            SendNumeric(who, "324", $"{Name} {_state.ModeString(_state.Members.ContainsKey(who))}");
            SendNumeric(who, "329", $"{Name} {_state.Created.ToUnixTimeSeconds()}");
            return;
        }
        var modes = mode.Args[0];
        if (modes.TrimStart('+') == "b" && mode.Args.Count == 1)
        {
            SendNumeric(who, "368", $"{Name} :End of channel ban list");
            return;
        }
        if (!RequireOp(who)) return;
        var applied = new StringBuilder();
        var appliedArgs = new List<string>();
        var next = 1;
        var adding = true;
        var sign = ' ';
        foreach (var c in modes)
        {
            if (c is '+' or '-') { adding = c == '+'; continue; }
            string? arg = null;
            switch (c)
            {
                case 'o' or 'v':
                    if (next >= mode.Args.Count) continue;
                    arg = mode.Args[next++];
                    var target = _state.Members.Keys.FirstOrDefault(m => IrcText.Fold(m.Nick) == IrcText.Fold(arg));
                    if (target is null) { SendNumeric(who, "441", $"{arg} {Name} :They aren't on that channel"); continue; }
                    var flag = c == 'o' ? MemberFlags.Op : MemberFlags.Voice;
                    _state.Members[target] = adding ? _state.Members[target] | flag : _state.Members[target] & ~flag;
                    arg = target.Nick;
                    break;
                case 'k':
                    if (adding)
                    {
                        if (next >= mode.Args.Count || mode.Args[next].Length == 0 || mode.Args[next].Contains(' ')) continue;
                        _state.Key = arg = mode.Args[next++];
                    }
                    else
                    {
                        if (next < mode.Args.Count) next++;
                        _state.Key = null;
                        arg = "*";
                    }
                    break;
                case 'l':
                    if (adding)
                    {
                        if (next >= mode.Args.Count) continue;
                        if (!int.TryParse(mode.Args[next++], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit <= 0) continue;
                        _state.Limit = limit;
                        arg = limit.ToString(CultureInfo.InvariantCulture);
                    }
                    else _state.Limit = 0;
                    break;
                case 'i': _state.InviteOnly = adding; break;
                case 'm': _state.Moderated = adding; break;
                case 'n': _state.NoExternal = adding; break;
                case 's': _state.Secret = adding; break;
                case 't': _state.TopicLock = adding; break;
                case 'b':
                    if (next < mode.Args.Count) next++;
                    continue;
                default:
                    SendNumeric(who, "472", $"{c} :is unknown mode char to me for {Name}");
                    continue;
            }
            var wanted = adding ? '+' : '-';
            if (sign != wanted) { applied.Append(wanted); sign = wanted; }
            applied.Append(c);
            if (arg is not null) appliedArgs.Add(arg);
        }
        if (applied.Length == 0) return;
        UpdateSummary();
        var text = applied.ToString() + (appliedArgs.Count == 0 ? "" : " " + string.Join(' ', appliedArgs));
        Fanout(IrcText.Line($":{who.Prefix} MODE {Name} {text}"), _state.Members.Keys);
    }
}
