namespace ChatServer.Tests;

public sealed class MessagingTests
{
    [Fact]
    public async Task Privmsg_and_notice_reach_users_and_channels_but_not_the_sender()
    {
        await using var server = await TestServer.StartAsync();
        await using var a = await server.RegisterAsync("amy");
        await using var b = await server.RegisterAsync("bo");
        await a.SendAsync("PRIVMSG BO :hello there");   // case-insensitive target
        Assert.Equal(":amy!amy@127.0.0.1 PRIVMSG bo :hello there", await b.ExpectAsync("PRIVMSG"));
        await a.SendAsync("NOTICE bo :a notice");
        await b.ExpectAsync(":amy!amy@127.0.0.1 NOTICE bo :a notice");
        await a.SendAsync("JOIN #m");
        await a.ExpectNumericAsync("366");
        await b.SendAsync("JOIN #m");
        await b.ExpectNumericAsync("366");
        await a.SendAsync("NOTICE #m :chan notice", "PRIVMSG #m :chan msg", "PING :done");
        await b.ExpectAsync(":amy!amy@127.0.0.1 NOTICE #m :chan notice");
        await b.ExpectAsync(":amy!amy@127.0.0.1 PRIVMSG #m :chan msg");
        var next = await a.ExpectAsync(l => !l.Contains("JOIN") && IrcClient.Code(l) is not ("353" or "366"), "the PONG");
        Assert.Contains("PONG", next);   // no echo of its own messages
    }

    [Fact]
    public async Task Message_errors_401_404_411_412_and_notice_gets_no_error()
    {
        await using var server = await TestServer.StartAsync();
        await using var a = await server.RegisterAsync("cy");
        await using var b = await server.RegisterAsync("di");
        await a.SendAsync("PRIVMSG nobody :hi");
        await a.ExpectNumericAsync("401");
        await a.SendAsync("PRIVMSG #nochan :hi");
        await a.ExpectNumericAsync("401");
        await a.SendAsync("PRIVMSG");
        await a.ExpectNumericAsync("411");
        await a.SendAsync("PRIVMSG di");
        await a.ExpectNumericAsync("412");
        await a.SendAsync("PRIVMSG di :");
        await a.ExpectNumericAsync("412");
        await b.SendAsync("JOIN #closed");
        await b.ExpectNumericAsync("366");
        await a.SendAsync("PRIVMSG #closed :from outside");
        await a.ExpectNumericAsync("404");   // +n by default
        await a.SendAsync("NOTICE nobody :x", "NOTICE #closed :x", "PING :end");
        Assert.Contains("PONG", await a.ExpectAsync(l => true, "the PONG"));
    }

    [Fact]
    public async Task Away_is_shown_in_301_whois_and_who_and_cleared_with_305()
    {
        await using var server = await TestServer.StartAsync();
        await using var a = await server.RegisterAsync("ed");
        await using var b = await server.RegisterAsync("flo");
        await b.SendAsync("AWAY :gone to lunch");
        await b.ExpectNumericAsync("306");
        await a.SendAsync("PRIVMSG flo :hi");
        Assert.EndsWith("flo :gone to lunch", await a.ExpectNumericAsync("301"));
        await a.SendAsync("WHOIS flo");
        await a.ExpectNumericAsync("311");
        Assert.EndsWith("flo :gone to lunch", await a.ExpectNumericAsync("301"));
        await a.ExpectNumericAsync("318");
        await a.SendAsync("WHO flo");
        Assert.Contains(" flo G :0", await a.ExpectNumericAsync("352"));
        await b.SendAsync("AWAY");
        await b.ExpectNumericAsync("305");
    }

    [Fact]
    public async Task Whois_gives_311_319_312_317_318_and_401_for_unknown()
    {
        await using var server = await TestServer.StartAsync();
        await using var a = await server.RegisterAsync("gil");
        await using var b = await server.RegisterAsync("hugh");
        await b.SendAsync("JOIN #w");
        await b.ExpectNumericAsync("366");
        await a.SendAsync("WHOIS HUGH");
        Assert.Equal(":chat.local 311 gil hugh hugh 127.0.0.1 * :Test hugh", await a.ExpectNumericAsync("311"));
        Assert.EndsWith("hugh :#w", await a.ExpectNumericAsync("319"));
        await a.ExpectNumericAsync("312");
        await a.ExpectNumericAsync("317");
        await a.ExpectNumericAsync("318");
        await a.SendAsync("WHOIS ghost");
        await a.ExpectNumericAsync("401");
        await a.ExpectNumericAsync("318");
        await a.SendAsync("WHOIS");
        await a.ExpectNumericAsync("431");
    }

    [Fact]
    public async Task Unknown_command_gives_421_and_missing_parameters_give_461()
    {
        await using var server = await TestServer.StartAsync();
        await using var a = await server.RegisterAsync("ike");
        await a.SendAsync("FROBNICATE now");
        Assert.Contains("FROBNICATE :Unknown command", await a.ExpectNumericAsync("421"));
        foreach (var command in new[] { "JOIN", "TOPIC", "KICK #x", "MODE", "INVITE x" })
        {
            await a.SendAsync(command);
            await a.ExpectNumericAsync("461");
        }
        await a.SendAsync("USER a b c");
        await a.ExpectNumericAsync("462");
    }

    [Fact]
    public async Task Userhost_ison_and_lusers_answer()
    {
        await using var server = await TestServer.StartAsync();
        await using var a = await server.RegisterAsync("jay");
        await a.SendAsync("ISON jay nobody");
        Assert.EndsWith(":jay", await a.ExpectNumericAsync("303"));
        await a.SendAsync("USERHOST jay");
        Assert.EndsWith(":jay=+jay@127.0.0.1", await a.ExpectNumericAsync("302"));
        await a.SendAsync("LUSERS");
        await a.ExpectNumericAsync("251");
    }
}
