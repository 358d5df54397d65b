using System.Text;

namespace ChatServer.Tests;

/// <summary>Generates malformed IRC lines: random bytes, overlong lines, NUL, invalid UTF-8, known commands with
/// garbage or missing parameters, prefix- or tag-only lines, too many parameters. Never QUIT.</summary>
internal static class MalformedLines
{
    private static readonly string[] s_commands =
        ["NICK", "USER", "JOIN", "PART", "PRIVMSG", "NOTICE", "MODE", "TOPIC", "KICK", "WHO", "WHOIS", "NAMES", "LIST", "AWAY",
         "CAP", "PING", "PONG", "INVITE", "MOTD", "ISON", "USERHOST", "LUSERS", "PASS", "001", "ERROR"];

    public static void Write(Random random, Stream output)
    {
        switch (random.Next(8))
        {
            case 0: Bytes(random, output, random.Next(1, 600)); break;
            case 1: Bytes(random, output, random.Next(511, 3000)); break;
            case 2:
                Ascii(output, s_commands[random.Next(s_commands.Length)] + " ");
                Bytes(random, output, random.Next(0, 80));
                break;
            case 3:
                Ascii(output, s_commands[random.Next(s_commands.Length)]);
                if (random.Next(2) == 0) Ascii(output, " :");
                break;
            case 4:
                Ascii(output, "PRIVMSG #x :a");
                output.WriteByte(0);
                Ascii(output, "b");
                break;
            case 5:
                Ascii(output, "PRIVMSG fuzz0 :");
                output.Write([0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x90, 0x28, 0xBC, 0xFF, 0xFE]);
                break;
            case 6: Ascii(output, new[] { ":", ":prefix", "@tag", "@a=b :p", " ", ":  ", "@" }[random.Next(7)]); break;
            default:
                Ascii(output, s_commands[random.Next(s_commands.Length)]);
                for (var i = random.Next(10, 40); i > 0; i--) Ascii(output, " #" + random.Next(100));
                break;
        }
        output.Write("\r\n"u8);
    }

    private static void Ascii(Stream output, string text) => output.Write(Encoding.UTF8.GetBytes(text));

    private static void Bytes(Random random, Stream output, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] is (byte)'\r' or (byte)'\n') bytes[i] = (byte)'?';
        output.Write(bytes);
    }
}
