using System.Net.Sockets;
using Actors;

namespace ChatServer.Tests;

public sealed class SupervisionTests
{
    [Fact]
    public async Task The_tree_has_listener_idle_sweep_connections_channels_and_nick_registry()
    {
        await using var server = await TestServer.StartAsync();
        await using var a = await server.RegisterAsync("tree");
        await a.SendAsync("JOIN #leaf");
        await a.ExpectNumericAsync("366");
        var paths = server.System.Snapshot().Tasks.Select(t => t.Path).ToList();
        Assert.Contains("/chat/listener", paths);
        Assert.Contains("/chat/nicks", paths);
        Assert.Contains("/chat/channels/#leaf", paths);
        var connection = Assert.Single(paths, p => p.StartsWith("/chat/connections/conn-") && p.Count(c => c == '/') == 3);
        Assert.Contains("/chat/idle", paths);   // one idle check for all clients
        Assert.DoesNotContain(paths, p => p.StartsWith(connection + "/", StringComparison.Ordinal));   // a connection is one actor: its read loop and send queue are not tasks
    }

    [Fact]
    public async Task A_crashed_channel_is_restarted_its_members_are_told_and_it_keeps_working()
    {
        await using var server = await TestServer.StartAsync();
        await using var a = await server.RegisterAsync("xa");
        await using var b = await server.RegisterAsync("xb");
        await a.SendAsync("JOIN #crash", "TOPIC #crash :kept");
        await a.ExpectAsync("TOPIC #crash :kept");
        await b.SendAsync("JOIN #crash");
        await b.ExpectNumericAsync("366");
        await a.SendAsync("PRIVMSG #crash :before");
        await b.ExpectAsync("PRIVMSG #crash :before");
        await a.SendAsync("CRASHCHAN #crash");
        await a.ExpectAsync("NOTICE #crash :*** The channel's actor crashed and was restarted");
        await b.ExpectAsync("NOTICE #crash :*** The channel's actor crashed and was restarted");
        await b.SendAsync("PRIVMSG #crash :after");
        await a.ExpectAsync(":xb!xb@127.0.0.1 PRIVMSG #crash :after");
        await b.SendAsync("TOPIC #crash");
        Assert.EndsWith("#crash :kept", await b.ExpectNumericAsync("332"));
        var channel = server.System.Snapshot().Tasks.Single(t => t.Path == "/chat/channels/#crash");
        Assert.Equal(1, channel.Restarts);
    }

    [Fact]
    public async Task A_crashed_connection_is_not_restarted_and_its_user_quits_with_a_reason()
    {
        await using var server = await TestServer.StartAsync();
        await using var a = await server.RegisterAsync("victim");
        await using var b = await server.RegisterAsync("witness");
        await a.SendAsync("JOIN #c");
        await a.ExpectNumericAsync("366");
        await b.SendAsync("JOIN #c");
        await b.ExpectNumericAsync("366");
        await a.SendAsync("CRASHME");
        await a.ExpectAsync("ERROR :Closing link: 127.0.0.1 (Internal error)");
        await a.ExpectClosedAsync();
        await b.ExpectAsync(":victim!victim@127.0.0.1 QUIT :Internal error");
        await using var again = await server.RegisterAsync("victim");   // nick freed, server fine
        var connections = server.System.Snapshot().Tasks.Count(t => t.Path.StartsWith("/chat/connections/conn-") && t.Path.Count(c => c == '/') == 3);
        Assert.Equal(2, connections);
    }

    [Fact]
    public async Task Graceful_shutdown_sends_error_to_every_client_before_closing()
    {
        var server = await TestServer.StartAsync();
        var clients = new List<IrcClient>();
        for (var i = 0; i < 5; i++) clients.Add(await server.RegisterAsync($"s{i}"));
        foreach (var c in clients.Take(3))
        {
            await c.SendAsync("JOIN #bye");
            await c.ExpectNumericAsync("366");
        }
        var unregistered = await server.ConnectAsync();
        await unregistered.SendAsync("NICK halfway");
        clients.Add(unregistered);
        await server.Server.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var c in clients)
        {
            var rest = await c.ExpectClosedAsync();
            Assert.Contains("ERROR :Closing link: 127.0.0.1 (Server shutting down)", rest);
            Assert.DoesNotContain(rest, l => l.Contains(" QUIT "));   // no QUIT storm during shutdown
            await c.DisposeAsync();
        }
        Assert.True(server.Server.Root.ActorTask.IsFinished);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Clients_still_waiting_to_be_accepted_at_shutdown_get_error_too()
    {
        // A client whose connect completed (the kernel's backlog) but that the listener has not accepted yet
        // is turned away with ERROR like the others, not reset when the listening socket closes.
        for (var round = 0; round < 5; round++)
        {
            var server = await TestServer.StartAsync();
            var burst = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => server.ConnectAsync()));
            await server.Server.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(30));
            foreach (var c in burst)
            {
                var rest = await c.ExpectClosedAsync();
                Assert.Contains("ERROR :Closing link: 127.0.0.1 (Server shutting down)", rest);
                await c.DisposeAsync();
            }
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Stopping_the_tree_directly_still_sends_error_to_every_client()
    {
        await using var server = await TestServer.StartAsync();
        await using var a = await server.RegisterAsync("direct");
        await server.Server.Root.ActorTask.StopAsync(new StopCause("Server shutting down")).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(await a.ExpectClosedAsync(), l => l.StartsWith("ERROR :Closing link: 127.0.0.1 (Server shutting down"));
    }

    [Fact]
    public async Task Clients_admitted_while_the_server_shuts_down_are_all_closed()
    {
        // A connection actor that the shutdown stops before its body has run never runs its own cleanup: its socket must
        // still be closed (seen as a client of Graceful_shutdown_sends_error_to_every_client_before_closing left open).
        for (var round = 0; round < 5; round++)
        {
            var server = await TestServer.StartAsync();
            var clients = new List<TcpClient>();
            var connecting = Enumerable.Range(0, 40).Select(async _ =>
            {
                var client = new TcpClient(AddressFamily.InterNetwork);
                lock (clients) clients.Add(client);
                try
                {
                    await client.ConnectAsync(server.EndPoint);
                    await client.GetStream().WriteAsync("NICK early\r\n"u8.ToArray());
                }
                catch (Exception ex) when (ex is SocketException or IOException) { }   // refused or reset: closed, as it should be
            }).ToList();
            await Task.WhenAny(connecting);   // shut down while the others are being admitted
            await server.Server.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await Task.WhenAll(connecting).WaitAsync(TimeSpan.FromSeconds(30));
            foreach (var client in clients)
            {
                Assert.True(await ClosedWithinAsync(client, TimeSpan.FromSeconds(20)), $"round {round}: a client admitted during shutdown was left open");
                client.Dispose();
            }
            await server.DisposeAsync();
        }
    }

    private static async Task<bool> ClosedWithinAsync(TcpClient client, TimeSpan patience)
    {
        if (!client.Connected) return true;
        var buffer = new byte[4096];
        try
        {
            var stream = client.GetStream();
            while (await stream.ReadAsync(buffer).AsTask().WaitAsync(patience) > 0) { }
            return true;
        }
        catch (TimeoutException) { return false; }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException) { return true; }
    }
}
