using ChatServer.Connections;

namespace ChatServer.Channels;

/// <summary>A channel's state. It outlives one channel actor instance: a restarted actor takes it over,
/// so members, topic and modes survive a crash.</summary>
internal sealed class ChannelState(string name, DateTimeOffset created)
{
    public string Name { get; } = name;

    public DateTimeOffset Created { get; } = created;

    public Dictionary<ClientHandle, MemberFlags> Members { get; } = [];

    public string? Topic { get; set; }

    public string TopicBy { get; set; } = "";

    public DateTimeOffset TopicAt { get; set; }

    public bool InviteOnly { get; set; }

    public bool Moderated { get; set; }

    public bool NoExternal { get; set; } = true;

    public bool Secret { get; set; }

    public bool TopicLock { get; set; } = true;

    public string? Key { get; set; }

    public int Limit { get; set; }

    public HashSet<string> Invited { get; } = new(StringComparer.Ordinal);

    public string ModeString(bool showKey)
    {
        var flags = "+" + (InviteOnly ? "i" : "") + (Key is null ? "" : "k") + (Limit > 0 ? "l" : "") + (Moderated ? "m" : "")
            + (NoExternal ? "n" : "") + (Secret ? "s" : "") + (TopicLock ? "t" : "");
        if (Key is not null) flags += " " + (showKey ? Key : "*");
        if (Limit > 0) flags += " " + Limit;
        return flags;
    }
}
