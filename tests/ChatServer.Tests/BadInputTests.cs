using System.Text;

namespace ChatServer.Tests;

public sealed class BadInputTests
{
    [Fact]
    public async Task Bare_cr_and_bare_lf_end_lines_and_empty_lines_are_ignored()
    {
        await using var server = await TestServer.StartAsync();
        await using var a = await server.ConnectAsync();
        await a.SendRawAsync(Encoding.ASCII.GetBytes("\r\n\n\rNICK crlf\rUSER crlf 0 * :x\n\r\n"));
        await a.ExpectNumericAsync("001");
    }

    [Fact]
    public async Task Random_bytes_nul_and_invalid_utf8_get_answers_and_leave_others_unaffected()
    {
        await using var server = await TestServer.StartAsync();
        await using var good = await server.RegisterAsync("good");
        await using var bad = await server.RegisterAsync("bad");
        await good.SendAsync("JOIN #b");
        await good.ExpectNumericAsync("366");
        await bad.SendAsync("JOIN #b");
        await bad.ExpectNumericAsync("366");
        var random = new Random(42);
        var junk = new byte[4096];
        random.NextBytes(junk);
        await bad.SendRawAsync(junk);
        await bad.SendRawAsync("\r\nPRIVMSG good :a\0b\r\n"u8.ToArray());
        await bad.ExpectAsync("NUL");
        await bad.SendRawAsync([.. "PRIVMSG #b :bad "u8, 0xC3, 0x28, 0xFF, .. " utf8\r\n"u8]);
        var relayed = await good.ExpectAsync("PRIVMSG #b :bad ");
        Assert.Contains("\uFFFD", relayed);   // invalid sequences arrive as replacement characters, as valid UTF-8
        await bad.SendAsync("PING :still-here");
        await bad.ExpectAsync("PONG chat.local :still-here");
        await good.SendAsync("PRIVMSG #b :fine");
        await bad.ExpectAsync(":good!good@127.0.0.1 PRIVMSG #b :fine");
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_line_quits_cleanly()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await server.RegisterAsync("peer");
        var gone = await server.RegisterAsync("gone");
        await peer.SendAsync("JOIN #d");
        await peer.ExpectNumericAsync("366");
        await gone.SendAsync("JOIN #d");
        await gone.ExpectNumericAsync("366");
        await gone.SendRawAsync("PRIVMSG #d :half a li"u8.ToArray());
        gone.Abort();
        await peer.ExpectAsync(":gone!gone@127.0.0.1 QUIT :");
        await gone.DisposeAsync();
        await using var next = await server.RegisterAsync("gone");   // the nick is free again
    }

    [Fact]
    public async Task Server_survives_100k_random_malformed_lines_and_still_serves_a_well_behaved_client()
    {
        await using var server = await TestServer.StartAsync(o => o.EnableCrashCommands = false);
        const int clients = 4, perClient = 25_000;
        var senders = new List<IrcClient>();
        for (var c = 0; c < clients; c++)
        {
            var client = await server.ConnectAsync();
            if (c % 2 == 0) await client.RegisterAsync($"fuzz{c}");   // half registered, half not
            senders.Add(client);
        }
        await Task.WhenAll(senders.Select((client, c) => Task.Run(async () =>
        {
            var random = new Random(1000 + c);
            using var batch = new MemoryStream();
            for (var i = 0; i < perClient; i++)
            {
                MalformedLines.Write(random, batch);
                if (batch.Length > 32 * 1024)
                {
                    // Paced by a PING per batch, so the replies never outgrow the send queue of a client that reads slowly.
                    try { await client.SendRawAsync([.. batch.ToArray(), .. Encoding.ASCII.GetBytes($"\r\nPING :batch{i}\r\n")]); }
                    catch (IOException ex)
                    {
                        throw new Xunit.Sdk.XunitException($"client {c} was cut off at line {i}: {ex.Message}. Last lines:\n{string.Join("\n", client.Transcript.Split('\n').TakeLast(5))}");
                    }
                    batch.SetLength(0);
                    await ExpectWithinAsync(client, $"PONG chat.local :batch{i}", TimeSpan.FromSeconds(60));
                }
            }
            await client.SendRawAsync([.. batch.ToArray(), .. "\r\nPING :end\r\n"u8]);
            await ExpectWithinAsync(client, "PONG chat.local :end", TimeSpan.FromSeconds(120));
        })));
        await using var a = await server.RegisterAsync("wellA");
        await using var b = await server.RegisterAsync("wellB");
        await a.SendAsync("JOIN #after");
        await a.ExpectNumericAsync("366");
        await b.SendAsync("JOIN #after");
        await b.ExpectNumericAsync("366");
        await a.SendAsync("PRIVMSG #after :all good");
        await b.ExpectAsync(":wellA!wellA@127.0.0.1 PRIVMSG #after :all good");
        foreach (var client in senders) await client.DisposeAsync();
    }

    private static Task ExpectWithinAsync(IrcClient client, string fragment, TimeSpan patience) =>
        client.ExpectAsync(l => l.Contains(fragment, StringComparison.Ordinal), fragment, patience);
}
