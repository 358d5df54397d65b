using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Actors.Cluster.Tests;

namespace ChatServer.Tests;

/// <summary>Three chat servers as real processes on one nats-server; the node owning a channel is killed with SIGKILL.</summary>
[Collection(NatsCollection.Name)]
public sealed class ClusterChatKillTests(NatsServerFixture nats) : IDisposable
{
    private readonly List<Process> _processes = [];

    [Fact]
    public async Task A_killed_owner_node_drops_its_users_who_reconnect_elsewhere_and_the_channel_comes_back_for_everyone()
    {
        var prefix = "kill" + Guid.NewGuid().ToString("N")[..8];
        var a = await StartNodeAsync("a", prefix);
        var b = await StartNodeAsync("b", prefix);
        var c = await StartNodeAsync("c", prefix);

        var bob = await RegisterAsync(b.Irc, "bob");
        await bob.SendAsync("JOIN #k");
        await bob.ExpectNumericAsync("366");   // node b owns #k
        await using var amy = await RegisterAsync(a.Irc, "amy");
        await using var cat = await RegisterAsync(c.Irc, "cat");
        await amy.SendAsync("JOIN #k");
        await amy.ExpectNumericAsync("366");
        await cat.SendAsync("JOIN #k");
        await cat.ExpectNumericAsync("366");
        await amy.ExpectAsync(":cat!cat@127.0.0.1 JOIN #k");
        await amy.SendAsync("PRIVMSG #k :before");
        await cat.ExpectAsync(":amy!amy@127.0.0.1 PRIVMSG #k :before");

        b.Process.Kill();   // SIGKILL: no goodbye, no QUIT, no release; the others notice the silence
        await bob.ExpectClosedAsync();
        await bob.DisposeAsync();
        await amy.ExpectAsync("The channel moved to node");
        await cat.ExpectAsync("The channel moved to node");

        // bob comes back on a with his nick once the cluster has released it (b's registrations go when b is marked down).
        await using var bob2 = await IrcClient.ConnectAsync(a.Irc);
        await bob2.SendAsync("USER bob 0 * :bob");
        await ClusterChat.TakeNickWhenFreeAsync(bob2, "bob");
        await bob2.SendAsync("JOIN #k");
        await bob2.ExpectNumericAsync("366");
        await amy.ExpectAsync(":bob!bob@127.0.0.1 JOIN #k");
        await cat.ExpectAsync(":bob!bob@127.0.0.1 JOIN #k");

        for (var i = 0; i < 20; i++) await amy.SendAsync($"PRIVMSG #k :a{i}");
        for (var i = 0; i < 20; i++) await cat.SendAsync($"PRIVMSG #k :c{i}");
        for (var i = 0; i < 20; i++) await cat.ExpectAsync($":amy!amy@127.0.0.1 PRIVMSG #k :a{i}");
        for (var i = 0; i < 20; i++) await amy.ExpectAsync($":cat!cat@127.0.0.1 PRIVMSG #k :c{i}");
        var heard = new List<string>();   // bob hears both, interleaved as the owner ordered them: each sender's in order
        while (heard.Count < 40) heard.Add(await bob2.ExpectAsync(l => l.Contains(" PRIVMSG #k :"), "a message"));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $":amy!amy@127.0.0.1 PRIVMSG #k :a{i}"), heard.Where(l => l.StartsWith(":amy", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $":cat!cat@127.0.0.1 PRIVMSG #k :c{i}"), heard.Where(l => l.StartsWith(":cat", StringComparison.Ordinal)));
    }

    private static async Task<IrcClient> RegisterAsync(IPEndPoint endpoint, string nick)
    {
        var client = await IrcClient.ConnectAsync(endpoint);
        await client.RegisterAsync(nick);
        return client;
    }

    private async Task<(Process Process, IPEndPoint Irc)> StartNodeAsync(string node, string prefix)
    {
        var irc = NatsServerFixture.FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "ChatServer.dll");
        var info = new ProcessStartInfo("dotnet", [dll, $"--Chat:Cluster={nats.Url}", $"--Chat:Node={node}", $"--Chat:IrcPort={irc}", $"--Chat:HttpPort={NatsServerFixture.FreePort()}",
            "--Chat:FloodControl=false", "--Chat:MaxConnectionsPerIp=0", $"--Actors:Cluster:SubjectPrefix={prefix}",
            "--Actors:Cluster:HeartbeatInterval=00:00:00.250", "--Actors:Cluster:DownAfter=00:00:02", "--Logging:LogLevel:Default=Warning"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        _processes.Add(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var endpoint = new IPEndPoint(IPAddress.Loopback, irc);
        var clock = Stopwatch.StartNew();
        while (true)   // polling the port until the node listens, bounded
        {
            Assert.False(process.HasExited, $"node {node} exited with code {(process.HasExited ? process.ExitCode : 0)}");
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await probe.ConnectAsync(endpoint);
                return (process, endpoint);
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(60)) { await Task.Delay(100); }
        }
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(30_000);
            }
            process.Dispose();
        }
    }
}
