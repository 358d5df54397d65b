using Actors.Cluster.Tests;

namespace ChatServer.Tests;

/// <summary>Private messages and user queries between users on different nodes of one chat cluster: the nick's
/// registry entry names the node that holds it, whose relay delivers or answers.</summary>
[Collection(NatsCollection.Name)]
public sealed class ClusterUserTests(NatsServerFixture nats)
{
    [Fact]
    public async Task A_private_message_to_a_user_on_another_node_arrives_in_order_with_the_senders_prefix()
    {
        await using var cluster = await ClusterChat.StartAsync(nats);
        await using var amy = await cluster.A.RegisterAsync("amy");
        await using var cat = await cluster.C.RegisterAsync("cat");

        for (var i = 0; i < 20; i++) await amy.SendAsync($"PRIVMSG Cat :m{i}");   // the nick case-folded, as on one node
        for (var i = 0; i < 20; i++) Assert.Equal($":amy!amy@127.0.0.1 PRIVMSG cat :m{i}", await cat.ExpectAsync(l => l.Contains("PRIVMSG"), $"m{i}"));
        await cat.SendAsync("NOTICE amy :heard you");
        Assert.Equal(":cat!cat@127.0.0.1 NOTICE amy :heard you", await amy.ExpectAsync("NOTICE amy"));

        await cat.SendAsync("AWAY :out for lunch");
        await cat.ExpectNumericAsync("306");
        await amy.SendAsync("PRIVMSG cat :still there?");
        await cat.ExpectAsync(":amy!amy@127.0.0.1 PRIVMSG cat :still there?");
        Assert.Equal(":c.chat.local 301 amy cat :out for lunch", await amy.ExpectNumericAsync("301"));
    }

    [Fact]
    public async Task A_nick_no_node_holds_gets_401_and_a_quit_users_nick_is_unknown_again()
    {
        await using var cluster = await ClusterChat.StartAsync(nats);
        await using var amy = await cluster.A.RegisterAsync("amy");
        await amy.SendAsync("PRIVMSG nobody :hello?");
        Assert.Equal(":a.chat.local 401 amy nobody :No such nick/channel", await amy.ExpectNumericAsync("401"));
        await amy.SendAsync("NOTICE nobody :quiet", "WHOIS nobody");   // NOTICE never gets a numeric
        Assert.Equal(":a.chat.local 401 amy nobody :No such nick/channel", await amy.ExpectNumericAsync("401"));
        await amy.ExpectNumericAsync("318");

        var bob = await cluster.B.RegisterAsync("bob");
        await amy.SendAsync("PRIVMSG bob :hi");
        await bob.ExpectAsync(":amy!amy@127.0.0.1 PRIVMSG bob :hi");
        await bob.SendAsync("QUIT :done");
        await bob.ExpectClosedAsync();
        await bob.DisposeAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)   // the release travels to the registry
        {
            await amy.SendAsync("PRIVMSG bob :gone?", "PING :p");
            var line = await amy.ExpectAsync(l => IrcClient.Code(l) == "401" || l.Contains("PONG"), "401 or PONG");
            if (IrcClient.Code(line) == "401") break;
            Assert.True(DateTime.UtcNow < deadline, "bob's nick was never released: " + amy.Transcript);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task WHOIS_ISON_USERHOST_and_WHO_answer_for_a_user_on_another_node()
    {
        await using var cluster = await ClusterChat.StartAsync(nats);
        await using var amy = await cluster.A.RegisterAsync("amy");
        await using var cat = await cluster.C.RegisterAsync("cat");
        await cat.SendAsync("JOIN #open", "JOIN #hidden", "MODE #hidden +s", "AWAY :busy");
        await cat.ExpectNumericAsync("306");

        await amy.SendAsync("WHOIS CAT");
        Assert.Equal(":a.chat.local 311 amy cat cat 127.0.0.1 * :Test cat", await amy.ExpectNumericAsync("311"));
        Assert.Equal(":a.chat.local 319 amy cat :#open", await amy.ExpectNumericAsync("319"));   // not the secret channel
        Assert.Equal(":a.chat.local 312 amy cat c.chat.local :ActorsChat", await amy.ExpectNumericAsync("312"));   // the node's server
        Assert.Equal(":a.chat.local 301 amy cat :busy", await amy.ExpectNumericAsync("301"));
        Assert.StartsWith(":a.chat.local 317 amy cat ", await amy.ExpectNumericAsync("317"));
        Assert.Equal(":a.chat.local 318 amy cat :End of /WHOIS list", await amy.ExpectNumericAsync("318"));

        await amy.SendAsync("ISON amy nobody Cat", "USERHOST cat nobody", "WHO cat");
        Assert.Equal(":a.chat.local 303 amy :amy cat", await amy.ExpectNumericAsync("303"));
        Assert.Equal(":a.chat.local 302 amy :cat=-cat@127.0.0.1", await amy.ExpectNumericAsync("302"));
        Assert.Equal(":a.chat.local 352 amy * cat 127.0.0.1 c.chat.local cat G :0 Test cat", await amy.ExpectNumericAsync("352"));
        await amy.ExpectNumericAsync("315");
    }
}
