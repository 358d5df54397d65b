using ChatServer.Connections;
using ChatServer.Server;

namespace ChatServer.Cluster;

/// <summary>What WHOIS, WHO, USERHOST and ISON show of a user, on this node or another (the answer to
/// <see cref="RelayMsg.UserQuery"/>).</summary>
/// <param name="Nick">The nick as its holder spelt it.</param>
/// <param name="User">The user name.</param>
/// <param name="Host">The client's host.</param>
/// <param name="RealName">The real name.</param>
/// <param name="Away">The away message, or null.</param>
/// <param name="Server">The server name of the user's node (312, 352).</param>
/// <param name="Channels">The channels to show the asker: not secret ones, or secret ones the asker is in.</param>
/// <param name="IdleSeconds">Seconds since the user last spoke (or signed on).</param>
/// <param name="SignOn">Sign-on time, Unix seconds.</param>
internal sealed record UserInfo(string Nick, string User, string Host, string RealName, string? Away, string Server, string[] Channels, long IdleSeconds, long SignOn)
{
    /// <summary>What a client in <paramref name="askerChannels"/> (folded names) may see of <paramref name="peer"/>, a client of this node.</summary>
    public static UserInfo Of(ChatContext chat, ClientHandle peer, IReadOnlyCollection<string> askerChannels)
    {
        var channels = peer.Channels.Where(s => !s.Secret || askerChannels.Contains(s.Key)).Select(s => s.Name).ToArray();
        var spoke = peer.LastSpokeTicks == 0 ? peer.SignOn : new DateTimeOffset(peer.LastSpokeTicks, TimeSpan.Zero);
        var idle = (long)(chat.Time.GetUtcNow() - spoke).TotalSeconds;
        return new UserInfo(peer.Nick, peer.User, peer.Host, peer.RealName, peer.Away, chat.ServerName, channels, idle, peer.SignOn.ToUnixTimeSeconds());
    }
}
