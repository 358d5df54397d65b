using Actors.Cluster.Tests;

namespace ChatServer.Tests;

/// <summary>Three chat servers in one cluster (issue 11 item 6): shared channels, cluster-wide nicks, a channel's owner going away.</summary>
[Collection(NatsCollection.Name)]
public sealed class ClusterChatTests(NatsServerFixture nats)
{
    [Fact]
    public async Task Users_on_two_nodes_in_one_channel_see_each_others_messages_in_order()
    {
        await using var cluster = await ClusterChat.StartAsync(nats);
        await using var amy = await cluster.A.RegisterAsync("amy");
        await using var cat = await cluster.C.RegisterAsync("cat");
        await amy.SendAsync("JOIN #room");
        await amy.ExpectNumericAsync("366");
        await cat.SendAsync("JOIN #room");
        await cat.ExpectAsync(l => IrcClient.Code(l) == "353" && l.Contains("@amy") && l.Contains("cat"), "names with both (amy op: she made it)");
        await amy.ExpectAsync(":cat!cat@127.0.0.1 JOIN #room");

        for (var i = 0; i < 50; i++) await amy.SendAsync($"PRIVMSG #room :a{i}");
        for (var i = 0; i < 50; i++) await cat.SendAsync($"PRIVMSG #room :c{i}");
        for (var i = 0; i < 50; i++) Assert.Equal($":amy!amy@127.0.0.1 PRIVMSG #room :a{i}", await cat.ExpectAsync(l => l.Contains("PRIVMSG"), $"a{i}"));
        for (var i = 0; i < 50; i++) Assert.Equal($":cat!cat@127.0.0.1 PRIVMSG #room :c{i}", await amy.ExpectAsync(l => l.Contains("PRIVMSG"), $"c{i}"));

        await amy.SendAsync("MODE #room +o cat");   // commands go to the owner; changes reach members on every node
        await cat.ExpectAsync(":amy!amy@127.0.0.1 MODE #room +o cat");
        await cat.SendAsync("TOPIC #room :set from c");
        await amy.ExpectAsync(":cat!cat@127.0.0.1 TOPIC #room :set from c");
        await cat.ExpectAsync(":cat!cat@127.0.0.1 TOPIC #room :set from c");
        await cat.SendAsync("PART #room :bye");
        await cat.ExpectAsync(":cat!cat@127.0.0.1 PART #room :bye");
        await amy.ExpectAsync(":cat!cat@127.0.0.1 PART #room :bye");
    }

    [Fact]
    public async Task A_nick_held_on_one_node_gets_433_on_another_and_is_free_once_its_user_quits()
    {
        await using var cluster = await ClusterChat.StartAsync(nats);
        var bob = await cluster.B.RegisterAsync("Bob");
        await using var other = await cluster.C.ConnectAsync();
        await other.SendAsync("NICK bob", "USER x 0 * :x");
        await other.ExpectAsync(l => IrcClient.Code(l) == "433" && l.Contains("bob"), "433 for a nick held on node b");

        await bob.SendAsync("QUIT :done");
        await bob.ExpectClosedAsync();
        await bob.DisposeAsync();
        await ClusterChat.TakeNickWhenFreeAsync(other, "bob");
    }

    [Fact]
    public async Task When_the_node_owning_a_channel_stops_the_channel_comes_back_and_members_on_the_other_nodes_keep_talking()
    {
        await using var cluster = await ClusterChat.StartAsync(nats);
        var bea = await cluster.B.RegisterAsync("bea");
        await bea.SendAsync("JOIN #moving");
        await bea.ExpectNumericAsync("366");   // b owns #moving
        await using var amy = await cluster.A.RegisterAsync("amy");
        await using var cat = await cluster.C.RegisterAsync("cat");
        await amy.SendAsync("JOIN #moving");
        await amy.ExpectNumericAsync("366");
        await cat.SendAsync("JOIN #moving");
        await cat.ExpectNumericAsync("366");
        await amy.ExpectAsync(":cat!cat@127.0.0.1 JOIN #moving");
        await amy.SendAsync("PRIVMSG #moving :before");
        await cat.ExpectAsync(":amy!amy@127.0.0.1 PRIVMSG #moving :before");
        await bea.ExpectAsync(":amy!amy@127.0.0.1 PRIVMSG #moving :before");

        await cluster.B.StopAsync();
        await bea.ExpectClosedAsync();
        await bea.DisposeAsync();

        await amy.ExpectAsync("The channel moved to node");
        await cat.ExpectAsync("The channel moved to node");
        // Messages sent while the members rejoin may be lost (the failover window): probe until one arrives, then none may be.
        await ClusterChat.ProbeUntilHeardAsync(amy, cat, "#moving");
        for (var i = 0; i < 30; i++) await amy.SendAsync($"PRIVMSG #moving :after{i}");
        for (var i = 0; i < 30; i++) await cat.SendAsync($"PRIVMSG #moving :back{i}");
        for (var i = 0; i < 30; i++) await cat.ExpectAsync($":amy!amy@127.0.0.1 PRIVMSG #moving :after{i}");
        for (var i = 0; i < 30; i++) await amy.ExpectAsync($":cat!cat@127.0.0.1 PRIVMSG #moving :back{i}");

        // A newcomer on a surviving node joins the moved channel and is heard by both.
        await using var dan = await cluster.C.RegisterAsync("dan");
        await dan.SendAsync("JOIN #moving");
        await amy.ExpectAsync(":dan!dan@127.0.0.1 JOIN #moving");
        await dan.SendAsync("PRIVMSG #moving :new here");
        await amy.ExpectAsync(":dan!dan@127.0.0.1 PRIVMSG #moving :new here");
        await cat.ExpectAsync(":dan!dan@127.0.0.1 PRIVMSG #moving :new here");
    }

    [Fact]
    public async Task Members_of_a_node_the_owner_took_for_dead_rejoin_when_they_speak_again()
    {
        await using var cluster = await ClusterChat.StartAsync(nats);
        await using var amy = await cluster.A.RegisterAsync("amy");
        await using var cat = await cluster.C.RegisterAsync("cat");
        await amy.SendAsync("JOIN #blip");
        await amy.ExpectNumericAsync("366");   // a owns #blip
        await cat.SendAsync("JOIN #blip");
        await cat.ExpectNumericAsync("366");
        await amy.ExpectAsync(":cat!cat@127.0.0.1 JOIN #blip");

        // As if a had missed c's heartbeats for DownAfter while c kept running: a drops c's members.
        cluster.A.Server.Chat.Cluster!.Relay.Tell(new ChatServer.Cluster.RelayMsg.PeerDown("c"));
        await amy.ExpectAsync(":cat!cat@127.0.0.1 QUIT :Node c went down");

        // cat still believes she is on #blip: her next line makes a send c's members again (that line may be lost).
        await ClusterChat.ProbeUntilHeardAsync(cat, amy, "#blip");
        await amy.SendAsync("PRIVMSG #blip :welcome back");
        await cat.ExpectAsync(":amy!amy@127.0.0.1 PRIVMSG #blip :welcome back");
    }
}
