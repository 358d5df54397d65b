namespace ChatServer.Irc;

/// <summary>One parsed client line: command (upper case) and parameters (the trailing one included). Tags and prefix are skipped.</summary>
internal sealed class IrcMessage
{
    private IrcMessage(string command, List<string> parameters)
    {
        Command = command;
        Parameters = parameters;
    }

    public string Command { get; }

    public List<string> Parameters { get; }

    public string Param(int i) => i < Parameters.Count ? Parameters[i] : "";

    /// <summary>Parses one line without its line ending; null for a line with no command.</summary>
    public static IrcMessage? Parse(string line)
    {
        var pos = 0;
        SkipSpaces(line, ref pos);
        if (pos < line.Length && line[pos] == '@') { SkipWord(line, ref pos); SkipSpaces(line, ref pos); }
        if (pos < line.Length && line[pos] == ':') { SkipWord(line, ref pos); SkipSpaces(line, ref pos); }
        var start = pos;
        SkipWord(line, ref pos);
        if (pos == start) return null;
        var command = line[start..pos].ToUpperInvariant();
        var parameters = new List<string>(4);
        while (true)
        {
            SkipSpaces(line, ref pos);
            if (pos >= line.Length) break;
            if (line[pos] == ':' || parameters.Count == 14)
            {
                parameters.Add(line[pos] == ':' ? line[(pos + 1)..] : line[pos..]);
                break;
            }
            start = pos;
            SkipWord(line, ref pos);
            parameters.Add(line[start..pos]);
        }
        return new IrcMessage(command, parameters);
    }

    private static void SkipSpaces(string s, ref int pos)
    {
        while (pos < s.Length && s[pos] == ' ') pos++;
    }

    private static void SkipWord(string s, ref int pos)
    {
        while (pos < s.Length && s[pos] != ' ') pos++;
    }
}
