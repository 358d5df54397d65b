using Actors;
using ChatServer.Channels;
using ChatServer.Irc;

namespace ChatServer.Connections;

/// <summary>What other actors see of a connected client: identity, send queue and actor reference.
/// Only the client's own connection actor changes the identity fields; others read them.</summary>
internal sealed class ClientHandle(long id, string host, SendQueue queue, DateTimeOffset signOn)
{
    private readonly Lock _gate = new();
    private volatile string _nick = "*";
    private volatile string? _prefix;
    private volatile ChannelSlot[] _channels = [];

    public long Id { get; } = id;

    public string Host { get; } = host;

    public SendQueue Queue { get; } = queue;

    public DateTimeOffset SignOn { get; } = signOn;

    public IActorRef<ConnMsg> Ref { get; set; } = null!;

    public string Nick
    {
        get => _nick;
        set { _nick = value; _prefix = null; }
    }

    public string User { get; set; } = "*";

    public string RealName { get; set; } = "";

    public volatile string? Away;

    public volatile bool Registered;

    /// <summary>When the client last sent PRIVMSG/NOTICE (WHOIS idle), as UTC ticks.</summary>
    public long LastSpokeTicks;

    /// <summary>When the client last sent a line, as UTC ticks (written by its connection, read by the idle sweep).</summary>
    public long LastActivityTicks;

    /// <summary>When the server sent the PING still unanswered, as UTC ticks; 0 when none is.</summary>
    public long PingSentTicks;

    public string Prefix => _prefix ??= $"{_nick}!{User}@{Host}";

    public IReadOnlyList<ChannelSlot> Channels => _channels;

    public bool Send(byte[] line) => Queue.TryEnqueue(line);

    public bool Send(string line) => Queue.TryEnqueue(IrcText.Line(line));

    public void AddChannel(ChannelSlot slot)
    {
        lock (_gate) if (Array.IndexOf(_channels, slot) < 0) _channels = [.. _channels, slot];
    }

    public void RemoveChannel(ChannelSlot slot)
    {
        lock (_gate) _channels = Array.FindAll(_channels, s => !ReferenceEquals(s, slot));
    }

    public override string ToString() => $"{Nick} (#{Id})";
}
