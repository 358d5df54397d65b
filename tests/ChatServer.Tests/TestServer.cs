using System.Net;
using Actors;
using ChatServer.Server;
using Microsoft.Extensions.Time.Testing;

namespace ChatServer.Tests;

/// <summary>A chat server on a free loopback port, on its own actor system (optionally on fake time).</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(ActorSystem system, IrcServer server, IPEndPoint endpoint, FakeTimeProvider? time)
    {
        System = system;
        Server = server;
        EndPoint = endpoint;
        Time = time;
    }

    public ActorSystem System { get; }

    public IrcServer Server { get; }

    public IPEndPoint EndPoint { get; }

    public FakeTimeProvider? Time { get; }

    public static async Task<TestServer> StartAsync(Action<ChatOptions>? configure = null, FakeTimeProvider? time = null)
    {
        var options = new ChatOptions { IrcPort = 0, HttpPort = 0, FloodControl = false, MaxConnectionsPerIp = 0, EnableCrashCommands = true };
        configure?.Invoke(options);
        var system = new ActorSystem(new ActorSystemOptions { TimeProvider = time ?? TimeProvider.System, Name = "chat-test" });
        var server = IrcServer.Start(system, options);
        var endpoint = await server.IrcEndPoint.WaitAsync(TimeSpan.FromSeconds(30));
        return new TestServer(system, server, endpoint, time);
    }

    public Task<IrcClient> ConnectAsync() => IrcClient.ConnectAsync(EndPoint);

    public async Task<IrcClient> RegisterAsync(string nick)
    {
        var client = await ConnectAsync();
        await client.RegisterAsync(nick);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await System.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }
}
