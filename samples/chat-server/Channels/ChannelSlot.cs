using Actors;
using ChatServer.Irc;

namespace ChatServer.Channels;

/// <summary>A stable handle on a channel: its state and whichever actor instance currently serves it
/// (the supervisor's start function sets <see cref="Ref"/> on every start, restarts included).</summary>
internal sealed class ChannelSlot(string name, DateTimeOffset created)
{
    private volatile IActorRef<ChanMsg>? _ref;

    public string Name { get; } = name;

    public string Key { get; } = IrcText.Fold(name);

    public ChannelState State { get; } = new(name, created);

    /// <summary>The supervisor child id (also the task name under /chat/channels).</summary>
    public string Id { get; set; } = "";

    public IActorRef<ChanMsg> Ref => _ref ?? throw new InvalidOperationException($"Channel {Name} has not started.");

    public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set once the channel emptied and is going away; joins must look the name up again.</summary>
    public volatile bool Closed;

    /// <summary>Starts of the channel actor (more than one: it was restarted).</summary>
    public int Starts;

    // Summary for LIST, written by the channel actor.
    public volatile int MemberCount;
    public volatile string? Topic;
    public volatile bool Secret;

    /// <summary>Cluster: the relay of the node that owns the channel, or null when this node owns it (or there is no cluster).
    /// Written by the channel actor (and by the directory before it starts).</summary>
    public volatile IActorRef<Cluster.RelayMsg>? Owner;

    public void SetRef(IActorRef<ChanMsg> reference) => _ref = reference;

    public void Send(ChanMsg message) => _ref?.TryTell(message);
}
