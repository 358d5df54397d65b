using System.Text.Json.Serialization;

namespace Actors.Benchmarks;

/// <summary>What remote.* and cluster.failover send to the actor on the other node (declared in <see cref="RemoteJsonContext"/>).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$t")]
[JsonDerivedType(typeof(Ping), "ping")]
[JsonDerivedType(typeof(Echo), "echo")]
[JsonDerivedType(typeof(Count), "count")]
public abstract record SinkMsg
{
    /// <summary>A tell: counted.</summary>
    public sealed record Ping(int N) : SinkMsg;

    /// <summary>An ask: answered at once (with <c>N</c>, or by a singleton with its node number).</summary>
    public sealed record Echo(int N, IReplyTo<int> Reply) : SinkMsg;

    /// <summary>Answered with the pings counted since the last count (it follows them in order).</summary>
    public sealed record Count(IReplyTo<int> Reply) : SinkMsg;

    /// <summary>The sink on the other node: counts pings, answers echoes and counts.</summary>
    public static IActorRef<SinkMsg> SpawnSink(IActorSpawner parent, int echoWith = -1)
    {
        var count = 0;   // touched by the actor only
        return parent.Spawn<SinkMsg>((_, m) =>
        {
            switch (m)
            {
                case Ping: count++; break;
                case Echo e: e.Reply.Reply(echoWith < 0 ? e.N : echoWith); break;
                case Count c: c.Reply.Reply(count); count = 0; break;
            }
            return ValueTask.CompletedTask;
        });
    }
}
