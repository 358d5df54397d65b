namespace ChatServer.Tests;

public sealed class ModeTests
{
    private static async Task<(IrcClient Op, IrcClient User)> TwoInChannelAsync(TestServer server, string channel)
    {
        var op = await server.RegisterAsync("op");
        var user = await server.RegisterAsync("user");
        await op.SendAsync($"JOIN {channel}");
        await op.ExpectNumericAsync("366");
        await user.SendAsync($"JOIN {channel}");
        await user.ExpectNumericAsync("366");
        await op.ExpectAsync("user!user@127.0.0.1 JOIN");
        return (op, user);
    }

    [Fact]
    public async Task Mode_query_gives_324_and_329_with_n_and_t_by_default()
    {
        await using var server = await TestServer.StartAsync();
        var (op, user) = await TwoInChannelAsync(server, "#mq");
        await using var _ = op;
        await using var __ = user;
        await user.SendAsync("MODE #mq");
        Assert.EndsWith("#mq +nt", await user.ExpectNumericAsync("324"));
        await user.ExpectNumericAsync("329");
        await user.SendAsync("MODE #mq b");
        await user.ExpectNumericAsync("368");
        await user.SendAsync("MODE #mq +m");
        await user.ExpectNumericAsync("482");
        await op.SendAsync("MODE #mq +z");
        await op.ExpectNumericAsync("472");
        await op.SendAsync("MODE #none");
        await op.ExpectNumericAsync("403");
    }

    [Fact]
    public async Task Op_and_voice_show_in_names_and_moderation_lets_only_them_speak()
    {
        await using var server = await TestServer.StartAsync();
        var (op, user) = await TwoInChannelAsync(server, "#mv");
        await using var _ = op;
        await using var __ = user;
        await op.SendAsync("MODE #mv +m");
        await user.ExpectAsync(":op!op@127.0.0.1 MODE #mv +m");
        await user.SendAsync("PRIVMSG #mv :muted?");
        await user.ExpectNumericAsync("404");
        await op.SendAsync("MODE #mv +v user");
        await user.ExpectAsync("MODE #mv +v user");
        await user.SendAsync("PRIVMSG #mv :now I can");
        await op.ExpectAsync("PRIVMSG #mv :now I can");
        await op.SendAsync("MODE #mv +o user");
        await user.ExpectAsync("MODE #mv +o user");
        await user.SendAsync("NAMES #mv");
        var names = await user.ExpectNumericAsync("353");
        Assert.Contains("@op", names);
        Assert.Contains("@user", names);
        await user.SendAsync("MODE #mv -o+t op");
        await op.ExpectAsync(":user!user@127.0.0.1 MODE #mv -o+t op");
        await op.SendAsync("MODE #mv +s");
        await op.ExpectNumericAsync("482");
    }

    [Fact]
    public async Task Key_limit_and_invite_only_refuse_joins_with_475_471_473_and_invite_lets_in()
    {
        await using var server = await TestServer.StartAsync();
        await using var op = await server.RegisterAsync("keeper");
        await using var guest = await server.RegisterAsync("guest");
        await using var third = await server.RegisterAsync("third");
        await op.SendAsync("JOIN #gate");
        await op.ExpectNumericAsync("366");
        await op.SendAsync("MODE #gate +k secret");
        await op.ExpectAsync("MODE #gate +k secret");
        await guest.SendAsync("JOIN #gate");
        await guest.ExpectNumericAsync("475");
        await guest.SendAsync("JOIN #gate wrong");
        await guest.ExpectNumericAsync("475");
        await guest.SendAsync("JOIN #gate secret");
        await guest.ExpectNumericAsync("366");
        await op.SendAsync("MODE #gate -k+l * 2");
        await op.ExpectAsync("MODE #gate -k+l * 2");
        await third.SendAsync("JOIN #gate");
        await third.ExpectNumericAsync("471");
        await op.SendAsync("MODE #gate -l+i");
        await op.ExpectAsync("MODE #gate -l+i");
        await third.SendAsync("JOIN #gate");
        await third.ExpectNumericAsync("473");
        await guest.SendAsync("INVITE third #gate");
        await guest.ExpectNumericAsync("482");   // +i: only operators invite
        await op.SendAsync("INVITE third #gate");
        await op.ExpectNumericAsync("341");
        await third.ExpectAsync(":keeper!keeper@127.0.0.1 INVITE third #gate");
        await third.SendAsync("JOIN #gate");
        await third.ExpectNumericAsync("366");
        await op.SendAsync("INVITE third #gate");
        await op.ExpectNumericAsync("443");
    }

    [Fact]
    public async Task Secret_channels_are_hidden_from_list_and_no_external_can_be_turned_off()
    {
        await using var server = await TestServer.StartAsync();
        await using var op = await server.RegisterAsync("sam");
        await using var other = await server.RegisterAsync("tia");
        await op.SendAsync("JOIN #hidden", "MODE #hidden +s-n");
        await op.ExpectAsync("MODE #hidden +s-n");
        await other.SendAsync("LIST");
        await other.ExpectNumericAsync("321");
        Assert.Equal("323", IrcClient.Code(await other.ExpectAsync(l => IrcClient.Code(l) is "322" or "323", "LIST entries")));
        await other.SendAsync("PRIVMSG #hidden :from outside");
        await op.ExpectAsync(":tia!tia@127.0.0.1 PRIVMSG #hidden :from outside");
        await op.SendAsync("LIST");
        Assert.Contains("#hidden 1", await op.ExpectNumericAsync("322"));
    }

    [Fact]
    public async Task User_modes_221_501_502()
    {
        await using var server = await TestServer.StartAsync();
        await using var a = await server.RegisterAsync("uma");
        await using var b = await server.RegisterAsync("vic");
        await a.SendAsync("MODE uma");
        await a.ExpectNumericAsync("221");
        await a.SendAsync("MODE uma +i");
        await a.ExpectAsync("MODE uma :+i");
        await a.SendAsync("MODE uma +Z");
        await a.ExpectNumericAsync("501");
        await a.SendAsync("MODE vic +i");
        await a.ExpectNumericAsync("502");
    }
}
