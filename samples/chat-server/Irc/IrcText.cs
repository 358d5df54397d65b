using System.Text;

namespace ChatServer.Irc;

/// <summary>Case-mapping (ASCII), name validation and line encoding.</summary>
internal static class IrcText
{
    public static readonly UTF8Encoding Utf8 = new(false, false);

    /// <summary>ASCII case-folding: only A-Z are lowered (CASEMAPPING=ascii).</summary>
    public static string Fold(string s)
    {
        var i = 0;
        while (i < s.Length && s[i] is not (>= 'A' and <= 'Z')) i++;
        if (i == s.Length) return s;
        return string.Create(s.Length, s, static (span, src) =>
        {
            for (var j = 0; j < src.Length; j++) span[j] = src[j] is >= 'A' and <= 'Z' ? (char)(src[j] + 32) : src[j];
        });
    }

    public static bool IsValidNick(string nick, int maxLength)
    {
        if (nick.Length == 0 || nick.Length > maxLength) return false;
        if (!(IsLetter(nick[0]) || IsSpecial(nick[0]))) return false;
        foreach (var c in nick)
            if (!(IsLetter(c) || IsSpecial(c) || c is >= '0' and <= '9' || c == '-')) return false;
        return true;
    }

    public static bool IsValidChannel(string name, int maxLength)
    {
        if (name.Length < 2 || name[0] != '#' || Utf8.GetByteCount(name) > maxLength) return false;
        foreach (var c in name)
            if (c is ' ' or ',' or '\a' or '\0' or '\r' or '\n' or ':' or '/') return false;
        return true;
    }

    public static byte[] Line(string text) => Utf8.GetBytes(text + "\r\n");

    /// <summary>Cuts a text to at most <paramref name="maxBytes"/> UTF-8 bytes without splitting a character.</summary>
    public static string Truncate(string text, int maxBytes)
    {
        if (Utf8.GetByteCount(text) <= maxBytes) return text;
        var bytes = 0;
        var i = 0;
        while (i < text.Length)
        {
            var n = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
            var size = Utf8.GetByteCount(text.AsSpan(i, n));
            if (bytes + size > maxBytes) break;
            bytes += size;
            i += n;
        }
        return text[..i];
    }

    private static bool IsLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    private static bool IsSpecial(char c) => c is '[' or ']' or '\\' or '`' or '_' or '^' or '{' or '|' or '}';
}
