using Actors;

namespace ChatServer.Tests;

public sealed class OptionsTests
{
    [Fact]
    public async Task A_port_in_use_fails_the_start_with_a_message_that_names_the_setting()
    {
        await using var first = await TestServer.StartAsync();
        await using var system = new ActorSystem();
        var second = ChatServer.Server.IrcServer.Start(system, new ChatOptions { IrcPort = first.EndPoint.Port });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => second.IrcEndPoint.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("--Chat:IrcPort=", error.Message);
    }

    [Theory]
    [InlineData("Host", "Chat:Host")]
    [InlineData("FloodRate", "Chat:FloodRate")]
    [InlineData("SendQueueBytes", "Chat:SendQueueBytes")]
    public void Bad_settings_throw_with_the_setting_name(string setting, string expected)
    {
        var options = new ChatOptions();
        switch (setting)
        {
            case "Host": options.Host = "localhost:1"; break;
            case "FloodRate": options.FloodRate = 0; break;
            case "SendQueueBytes": options.SendQueueBytes = 10; break;
        }
        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);
        Assert.Contains(expected, error.Message);
    }
}
