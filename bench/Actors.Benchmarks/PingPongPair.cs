namespace Actors.Benchmarks;

/// <summary>The two actors of one ping-pong pair; each handler forwards to the other side.</summary>
internal sealed class PingPongPair
{
    public IActorRef<int>? Left { get; set; }

    public IActorRef<int>? Right { get; set; }
}
