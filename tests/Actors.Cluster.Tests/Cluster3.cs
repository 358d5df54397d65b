using System.Runtime.CompilerServices;
using System.Collections.Concurrent;

namespace Actors.Cluster.Tests;

/// <summary>Three actor systems in this process, each with its own node (and NATS connection), on one server.</summary>
public sealed class Cluster3 : IAsyncDisposable
{
    private Cluster3(ClusterNode[] nodes) => Nodes = nodes;

    public ClusterNode[] Nodes { get; }

    public ClusterNode A => Nodes[0];

    public ClusterNode B => Nodes[1];

    public ClusterNode C => Nodes[2];

    public static async Task<Cluster3> StartAsync(NatsServerFixture server, TimeSpan? downAfter = null, TimeSpan? lease = null, string? prefix = null)
    {
        prefix ??= NewPrefix();
        var nodes = new ClusterNode[3];
        for (var i = 0; i < 3; i++)
        {
            var options = new ClusterOptions
            {
                Url = server.Url,
                NodeId = ((char)('a' + i)).ToString(),
                SubjectPrefix = prefix,
                HeartbeatInterval = TimeSpan.FromMilliseconds(250),
                DownAfter = downAfter ?? TimeSpan.FromSeconds(3),
                RegistrationLease = lease ?? TimeSpan.FromSeconds(15),
            };
            options.Serializers.Add(TestJsonContext.Default);
            nodes[i] = await ClusterNode.StartAsync(new ActorSystem(), options);
        }
        return new Cluster3(nodes);
    }

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A counter actor: Add adds, Get answers the total, Boom throws.</summary>
    public static IActorRef<CounterMsg> SpawnCounter(ActorSystem system, ConcurrentQueue<int>? adds = null) =>
        system.Spawn<CounterMsg>((ctx, msg) =>
        {
            switch (msg)
            {
                case Add add:
                    adds?.Enqueue(add.N);
                    Interlocked.Add(ref Total(ctx.Self), add.N);
                    break;
                case Get get:
                    get.ReplyTo.Reply(Volatile.Read(ref Total(ctx.Self)));
                    break;
                case Boom:
                    throw new InvalidOperationException("boom");
            }
            return ValueTask.CompletedTask;
        });

    private static readonly ConditionalWeakTable<ActorTask, StrongBox<int>> s_totals = new();

    private static ref int Total(ActorTask task) => ref s_totals.GetValue(task, _ => new StrongBox<int>()).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            var system = node.System;
            await node.DisposeAsync();
            await system.StopAsync();
        }
    }
}
