namespace ChatServer.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public async Task Registration_sends_001_to_005_with_isupport_then_motd()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();
        await client.SendAsync("NICK alice", "USER alice 0 * :Alice A");
        Assert.Contains("Welcome", await client.ExpectNumericAsync("001"));
        await client.ExpectNumericAsync("002");
        await client.ExpectNumericAsync("003");
        await client.ExpectNumericAsync("004");
        var isupport = await client.ExpectNumericAsync("005");
        foreach (var token in new[] { "CASEMAPPING=ascii", "CHANTYPES=#", "PREFIX=(ov)@+", "NICKLEN=30", "CHANNELLEN=50", "TOPICLEN=390" })
            Assert.Contains(token, isupport);
        await client.ExpectNumericAsync("375");
        await client.ExpectNumericAsync("372");
        await client.ExpectNumericAsync("376");
    }

    [Fact]
    public async Task No_motd_gives_422_and_MOTD_command_repeats_it()
    {
        await using var server = await TestServer.StartAsync(o => o.Motd = []);
        await using var client = await server.ConnectAsync();
        await client.SendAsync("NICK bob", "USER bob 0 * :Bob");
        await client.ExpectNumericAsync("422");
        await client.SendAsync("MOTD");
        await client.ExpectNumericAsync("422");
    }

    [Fact]
    public async Task Cap_ls_302_is_answered_and_registration_waits_for_cap_end()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();
        await client.SendAsync("CAP LS 302", "NICK carol", "USER carol 0 * :Carol");
        Assert.Equal(":chat.local CAP * LS :", await client.ExpectAsync(" CAP "));
        await client.SendAsync("CAP REQ :sasl");
        await client.ExpectAsync("CAP * NAK :sasl");
        await client.SendAsync("PING :before-end");
        var next = await client.ExpectAsync(l => true, "a line");
        Assert.Contains("PONG", next);   // no 001 while CAP negotiation is open
        await client.SendAsync("CAP END");
        await client.ExpectNumericAsync("001");
    }

    [Fact]
    public async Task Ping_is_answered_with_pong_and_ping_without_token_gives_409()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.RegisterAsync("dave");
        await client.SendAsync("PING :abc123");
        Assert.Equal(":chat.local PONG chat.local :abc123", await client.ExpectAsync("PONG"));
        await client.SendAsync("PING");
        await client.ExpectNumericAsync("409");
    }

    [Fact]
    public async Task Commands_before_registration_get_451_and_reregistering_gets_462()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();
        await client.SendAsync("JOIN #x");
        await client.ExpectNumericAsync("451");
        await client.SendAsync("PRIVMSG bob :hi");
        await client.ExpectNumericAsync("451");
        await client.RegisterAsync("erin");
        await client.SendAsync("USER erin 0 * :again");
        await client.ExpectNumericAsync("462");
    }

    [Fact]
    public async Task Nick_errors_431_432_433_and_collisions_follow_ascii_case_mapping()
    {
        await using var server = await TestServer.StartAsync();
        await using var first = await server.RegisterAsync("Frank[1]");
        await using var second = await server.ConnectAsync();
        await second.SendAsync("NICK");
        await second.ExpectNumericAsync("431");
        await second.SendAsync("NICK 9lives");
        await second.ExpectNumericAsync("432");
        await second.SendAsync("NICK bad!nick");
        await second.ExpectNumericAsync("432");
        await second.SendAsync("NICK FRANK[1]");
        Assert.Contains("FRANK[1]", await second.ExpectNumericAsync("433"));
        await second.SendAsync("NICK frank[1]");
        await second.ExpectNumericAsync("433");
        await second.SendAsync("NICK frank{1}");   // ascii mapping: { is not [ 
        await second.SendAsync("USER f 0 * :F");
        await second.ExpectNumericAsync("001");
    }

    [Fact]
    public async Task Nick_change_is_broadcast_to_channel_peers_and_frees_the_old_nick()
    {
        await using var server = await TestServer.StartAsync();
        await using var a = await server.RegisterAsync("gina");
        await using var b = await server.RegisterAsync("hank");
        await a.SendAsync("JOIN #n");
        await a.ExpectNumericAsync("366");
        await b.SendAsync("JOIN #n");
        await b.ExpectNumericAsync("366");
        await a.SendAsync("NICK gina2");
        Assert.StartsWith(":gina!gina@", await a.ExpectAsync(" NICK :gina2"));
        await b.ExpectAsync(":gina!gina@127.0.0.1 NICK :gina2");
        await using var c = await server.RegisterAsync("gina");   // the old nick is free again
    }

    [Fact]
    public async Task Quit_tells_peers_and_sends_error_closing_link()
    {
        await using var server = await TestServer.StartAsync();
        await using var a = await server.RegisterAsync("ivan");
        await using var b = await server.RegisterAsync("judy");
        await a.SendAsync("JOIN #q");
        await a.ExpectNumericAsync("366");
        await b.SendAsync("JOIN #q");
        await a.ExpectAsync("JOIN #q");
        await b.SendAsync("QUIT :see you");
        await b.ExpectAsync("ERROR :Closing link: 127.0.0.1 (Quit: see you)");
        await b.ExpectClosedAsync();
        await a.ExpectAsync(":judy!judy@127.0.0.1 QUIT :Quit: see you");
    }
}
