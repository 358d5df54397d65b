namespace Actors.Benchmarks.Peers;

using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;

/// <summary>
/// remote.* on Akka.Remote 1.5.74: two actor systems in two processes on loopback (DotNetty TCP, the default
/// serializer for plain records), the sender resolving <c>akka.tcp://rx@127.0.0.1:PORT/user/sink</c> with an
/// <see cref="ActorSelection"/> and telling/asking the <see cref="IActorRef"/>, as an Akka.NET user would.
/// </summary>
internal sealed class AkkaRemote : IAsyncDisposable
{
    /// <summary>The peer as named in the report.</summary>
    public const string Label = "Akka.Remote 1.5.74";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(25);

    private readonly ActorSystem _system;
    private readonly IActorRef _sink;

    private AkkaRemote(ActorSystem system, IActorRef sink)
    {
        _system = system;
        _sink = sink;
    }

    /// <summary>Tells one remote message.</summary>
    public sealed record Ping(int N);

    /// <summary>Asks for an echo of <c>N</c>.</summary>
    public sealed record Echo(int N);

    /// <summary>Asks for the pings counted since the last count.</summary>
    public sealed record Count;

    private static Config Remote(int port) => ConfigurationFactory.ParseString($$"""
        akka.loglevel = OFF
        akka.stdout-loglevel = OFF
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = {{port}} }
        """);

    /// <summary>The receiving side (in the node process): system <c>rx</c> with <c>/user/sink</c>, until standard input closes.</summary>
    public static async Task HostAsync(int port)
    {
        var system = ActorSystem.Create("rx", Remote(port));
        system.ActorOf(Props.Create<Sink>(), "sink");
        Console.WriteLine("ready");
        await Console.In.ReadToEndAsync();
        await system.Terminate().WaitAsync(s_timeout);
    }

    /// <summary>The sending side: a system on an ephemeral port and the resolved remote sink.</summary>
    public static async Task<AkkaRemote> ConnectAsync(int port)
    {
        var system = ActorSystem.Create("tx", Remote(0));
        try
        {
            var sink = await system.ActorSelection($"akka.tcp://rx@127.0.0.1:{port}/user/sink").ResolveOne(s_timeout);
            return new AkkaRemote(system, sink);
        }
        catch
        {
            await system.Terminate().WaitAsync(s_timeout);
            throw;
        }
    }

    /// <summary>Tells <paramref name="tells"/> pings then asks for the count (it arrives after them); returns delivered msg/s.</summary>
    public async Task<double> TellAsync(int tells)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < tells; i++) _sink.Tell(new Ping(i));
        var got = await _sink.Ask<int>(new Count(), s_timeout);
        return RemoteBenchmark.Rate("Akka.Remote", got, tells, clock.Elapsed);
    }

    /// <summary>Sequential asks; p50 and p99 in microseconds.</summary>
    public async Task<double[]> AskAsync(int asks)
    {
        var latencies = new long[asks];
        var echo = new Echo(42);
        for (var i = 0; i < asks; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await _sink.Ask<int>(echo, s_timeout);
            latencies[i] = Stopwatch.GetTimestamp() - start;
        }
        return [Percentiles.Micros(latencies, 0.50), Percentiles.Micros(latencies, 0.99)];
    }

    public async ValueTask DisposeAsync() => await _system.Terminate().WaitAsync(s_timeout);

    private sealed class Sink : ReceiveActor
    {
        public Sink()
        {
            var count = 0;
            Receive<Ping>(_ => count++);
            Receive<Echo>(e => Sender.Tell(e.N, Self));
            Receive<Count>(_ =>
            {
                Sender.Tell(count, Self);
                count = 0;
            });
        }
    }
}
