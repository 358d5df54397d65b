using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Actors.Cluster.Tests;
using ChatServer.Cluster;

namespace ChatServer.Tests;

/// <summary>A chat node started with a loopback NATS URL where nothing answers starts the server itself (three commands for
/// three nodes); nodes starting at once start one server between them.</summary>
public sealed class LocalNatsTests
{
    [Fact]
    public async Task Starters_racing_on_a_free_loopback_port_start_one_nats_server_in_its_own_session()
    {
        var port = NatsServerFixture.FreePort();
        var url = $"nats://127.0.0.1:{port}";
        var dir = Path.Combine(Path.GetTempPath(), $"actors-chat-nats-{port}");
        using var go = new Barrier(3);
        var starters = Enumerable.Range(0, 3).Select(_ => Task.Run(() => { go.SignalAndWait(TimeSpan.FromSeconds(30)); return LocalNats.EnsureRunning(url); })).ToArray();
        var started = await Task.WhenAll(starters).WaitAsync(TimeSpan.FromSeconds(60));
        var pid = int.Parse(File.ReadAllText(Path.Combine(dir, "nats.pid")).Trim());
        using var server = Process.GetProcessById(pid);
        try
        {
            Assert.Equal([dir], started.Where(d => d is not null));   // one starter started it; the others found it answering
            using (var client = new TcpClient()) await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.NotEqual(SessionOf(Environment.ProcessId), SessionOf(pid));   // a kill of the node's process group does not reach it
            Assert.Null(LocalNats.EnsureRunning(url));   // up: nothing to start
            Assert.Null(LocalNats.EnsureRunning("nats://10.0.0.1:4222"));   // not loopback: never started here
        }
        finally
        {
            server.Kill();
            Assert.True(server.WaitForExit(TimeSpan.FromSeconds(20)));
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string SessionOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[3];   // after "pid (comm) ": state ppid pgrp session
    }
}
