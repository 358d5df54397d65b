using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Tests;

/// <summary>The chat server on the generic host (Actors.Hosting): the live tree on its HTTP port, graceful shutdown through the host.</summary>
public sealed class HostingTests
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    private static WebApplication Build(params string[] extra) =>
        ChatHosting.Build(["--Chat:IrcPort=0", "--Chat:HttpPort=0", "--Chat:FloodControl=false", "--Logging:LogLevel:Default=Warning", .. extra]);

    [Fact]
    public async Task The_actors_endpoint_on_the_http_port_lists_the_chat_tree()
    {
        await using var app = Build();
        await app.StartAsync().WaitAsync(s_patience);
        try
        {
            var irc = await app.Services.GetRequiredService<ChatService>().Server.IrcEndPoint.WaitAsync(s_patience);
            await using var client = await IrcClient.ConnectAsync(irc);
            await client.RegisterAsync("treeuser");
            await client.SendAsync("JOIN #tree");
            await client.ExpectNumericAsync("366");

            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = s_patience };
            using var tree = JsonDocument.Parse(await http.GetStringAsync("/actors"));
            var paths = tree.RootElement.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("path").GetString()!).ToList();
            Assert.Contains("/chat/listener", paths);
            Assert.Contains("/chat/nicks", paths);
            Assert.Contains("/chat/channels/#tree", paths);
            Assert.Contains("/chat/idle", paths);
            Assert.Contains(paths, p => p.StartsWith("/chat/connections/conn-", StringComparison.Ordinal));

            var page = await http.GetAsync("/actors/ui");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var stop = await http.PostAsync("/actors/stop?path=/chat", null);
            Assert.NotEqual(HttpStatusCode.OK, stop.StatusCode);   // no token configured: no stop endpoint
        }
        finally
        {
            await app.StopAsync().WaitAsync(s_patience);
        }
    }

    [Fact]
    public async Task Stopping_the_host_sends_error_to_every_client_and_stops_the_tree()
    {
        await using var app = Build();
        await app.StartAsync().WaitAsync(s_patience);
        var chat = app.Services.GetRequiredService<ChatService>();
        var irc = await chat.Server.IrcEndPoint.WaitAsync(s_patience);
        var clients = new List<IrcClient>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var client = await IrcClient.ConnectAsync(irc);
                clients.Add(client);
                await client.RegisterAsync($"h{i}");
                await client.SendAsync("JOIN #bye");
                await client.ExpectNumericAsync("366");
            }
            await app.StopAsync().WaitAsync(s_patience);
            foreach (var client in clients)
            {
                var rest = await client.ExpectClosedAsync();
                Assert.Contains("ERROR :Closing link: 127.0.0.1 (Server shutting down)", rest);
            }
            Assert.True(chat.Server.Root.ActorTask.IsFinished);
            Assert.True(app.Services.GetRequiredService<Actors.ActorSystem>().Completion.IsCompleted);
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync();
        }
    }
}
