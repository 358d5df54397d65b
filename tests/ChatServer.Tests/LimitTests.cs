using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace ChatServer.Tests;

public sealed class LimitTests
{
    /// <summary>Advances fake time in steps until the client receives a line that matches (timers fire per step).</summary>
    internal static async Task<string> AdvanceUntilAsync(FakeTimeProvider time, IrcClient client, Func<string, bool> match, TimeSpan step, int maxSteps = 200)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            time.Advance(step);
            while (await client.NextLineWithinAsync(TimeSpan.FromMilliseconds(100)) is { } line)
                if (match(line)) return line;
        }
        throw new Xunit.Sdk.XunitException($"No matching line after {maxSteps} steps of {step}. Received:\n{client.Transcript}");
    }

    [Fact]
    public async Task Lines_over_512_bytes_are_rejected_with_417_and_not_executed()
    {
        await using var server = await TestServer.StartAsync();
        await using var a = await server.RegisterAsync("long");
        await using var b = await server.RegisterAsync("peer");
        var text = new string('é', 300);   // 600 bytes of 2-byte characters: a cut would split one
        await a.SendAsync($"PRIVMSG peer :{text}");
        await a.ExpectNumericAsync("417");
        await a.SendAsync("PRIVMSG peer :" + new string('x', 10 * 1024));
        await a.ExpectNumericAsync("417");
        var fits = "PRIVMSG peer :" + new string('y', 510 - "PRIVMSG peer :".Length);
        await a.SendAsync(fits);
        Assert.EndsWith(new string('y', 496), await b.ExpectAsync("PRIVMSG"));   // exactly 510 bytes + CRLF is fine
        await a.SendAsync("PING :after");
        await a.ExpectAsync("PONG chat.local :after");
    }

    [Fact]
    public async Task Flood_control_lets_a_burst_through_then_a_steady_rate()
    {
        var time = new FakeTimeProvider();
        await using var server = await TestServer.StartAsync(o => { o.FloodControl = true; o.FloodBurst = 5; o.FloodRate = 1; }, time);
        await using var a = await server.ConnectAsync();
        await a.SendAsync(Enumerable.Range(1, 10).Select(i => $"PING :p{i}").ToArray());
        for (var i = 1; i <= 5; i++) await a.ExpectAsync($"PONG chat.local :p{i}");
        Assert.Null(await a.NextLineWithinAsync(TimeSpan.FromMilliseconds(300)));   // the 6th waits for time to pass
        var sixth = await AdvanceUntilAsync(time, a, l => l.Contains("PONG"), TimeSpan.FromMilliseconds(500));
        Assert.EndsWith(":p6", sixth);
    }

    [Fact]
    public async Task Ping_after_idle_then_disconnect_without_pong_and_peers_hear_ping_timeout()
    {
        var time = new FakeTimeProvider();
        await using var server = await TestServer.StartAsync(o => { o.PingInterval = TimeSpan.FromSeconds(30); o.PingTimeout = TimeSpan.FromSeconds(20); }, time);
        await using var idle = await server.RegisterAsync("idle");
        await using var peer = await server.RegisterAsync("awake");
        await idle.SendAsync("JOIN #z");
        await idle.ExpectNumericAsync("366");
        await peer.SendAsync("JOIN #z");
        await peer.ExpectNumericAsync("366");
        Assert.Equal("PING :chat.local", await AdvanceUntilAsync(time, idle, l => l.StartsWith("PING"), TimeSpan.FromSeconds(5)));
        await peer.SendAsync("PONG :chat.local");   // the peer answers; the idle one does not
        var error = await AdvanceUntilAsync(time, idle, l => l.StartsWith("ERROR"), TimeSpan.FromSeconds(5));
        Assert.Equal("ERROR :Closing link: 127.0.0.1 (Ping timeout: 20 seconds)", error);
        await idle.ExpectClosedAsync();
        await peer.ExpectAsync(":idle!idle@127.0.0.1 QUIT :Ping timeout: 20 seconds");
        Assert.False(peer.IsClosed);
    }

    [Fact]
    public async Task A_client_that_sends_nothing_is_cut_after_the_registration_timeout()
    {
        var time = new FakeTimeProvider();
        await using var server = await TestServer.StartAsync(o => o.PingTimeout = TimeSpan.FromSeconds(20), time);
        await using var silent = await server.ConnectAsync();
        var error = await AdvanceUntilAsync(time, silent, l => l.StartsWith("ERROR"), TimeSpan.FromSeconds(5));
        Assert.Contains("Registration timed out", error);
        await silent.ExpectClosedAsync();
    }

    [Fact]
    public async Task A_slow_reader_is_cut_with_sendq_exceeded_while_others_keep_receiving()
    {
        await using var server = await TestServer.StartAsync(o => o.SendQueueBytes = 64 * 1024);
        await using var talker = await server.RegisterAsync("talker");
        await using var fast = await server.RegisterAsync("fast");
        var slow = new TcpClient(AddressFamily.InterNetwork) { ReceiveBufferSize = 4096 };
        await slow.ConnectAsync(server.EndPoint);
        var slowStream = slow.GetStream();
        await slowStream.WriteAsync(Encoding.ASCII.GetBytes("NICK slow\r\nUSER slow 0 * :s\r\nJOIN #flood\r\n"));
        await talker.SendAsync("JOIN #flood");
        await talker.ExpectNumericAsync("366");
        await fast.SendAsync("JOIN #flood");
        await fast.ExpectNumericAsync("366");
        await talker.SendAsync("NAMES #flood");
        await talker.ExpectAsync(l => (IrcClient.Code(l) == "353" && l.Contains("slow")) || l.StartsWith(":slow!slow@127.0.0.1 JOIN #flood", StringComparison.Ordinal), "slow in the channel (in NAMES, or its JOIN if it came after)");
        var payload = new string('z', 400);
        const int count = 20000, batch = 100;   // ~9 MB: more than the slow socket's buffers and its 64 KB send queue hold
        for (var i = 0; i < count; i += batch)
        {
            await talker.SendAsync(Enumerable.Range(i, batch).Select(n => $"PRIVMSG #flood :{n} {payload}").ToArray());
            for (var n = i; n < i + batch; n++)   // the fast reader keeps up batch by batch
                Assert.StartsWith($":talker!talker@127.0.0.1 PRIVMSG #flood :{n} ", await fast.ExpectAsync(" PRIVMSG "));
        }
        await talker.ExpectAsync(":slow!slow@127.0.0.1 QUIT :SendQ exceeded");
        const string quit = ":slow!slow@127.0.0.1 QUIT :SendQ exceeded";
        if (!fast.Transcript.Contains(quit)) await fast.ExpectAsync(quit);   // it may have come between the PRIVMSGs
        slow.Dispose();
    }

    [Fact]
    public async Task Connections_per_address_are_limited()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxConnectionsPerIp = 2);
        await using var one = await server.RegisterAsync("one");
        var two = await server.RegisterAsync("two");
        await using var three = await server.ConnectAsync();
        await three.ExpectAsync("ERROR :Closing link: 127.0.0.1 (Too many connections from your address)");
        await three.ExpectClosedAsync();
        await two.SendAsync("QUIT");
        await two.ExpectClosedAsync();
        await two.DisposeAsync();
        for (var attempt = 0; ; attempt++)   // the slot frees once the connection actor has ended
        {
            await using var four = await server.ConnectAsync();
            await four.SendAsync("NICK four", "USER four 0 * :f");
            var first = await four.ExpectAsync(l => true, "a reply");
            if (IrcClient.Code(first) == "001") break;
            Assert.True(attempt < 50, "the freed slot was never reused");
            await Task.Delay(50);
        }
    }
}
