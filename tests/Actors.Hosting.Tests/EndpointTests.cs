using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Actors.Hosting.AspNetCore;
using Actors.Hosting.AspNetCore.Internal;
using Actors.Tests;
using Microsoft.AspNetCore.Http;

namespace Actors.Hosting.Tests;

public class EndpointTests
{
    /// <summary>A 10 KB query is refused by Kestrel's request-line limit (414) before it reaches us, or by us (400).</summary>
    private static readonly HttpStatusCode[] s_tooLong = [HttpStatusCode.BadRequest, HttpStatusCode.RequestUriTooLong];

    private static Task<TestWebApp> StartServer(Action<ActorsEndpointOptions>? endpoints = null) => TestWebApp.StartAsync(a => a
        .AddProcess("server", async (ctx, services) =>
        {
            for (var i = 1; i <= 3; i++) _ = ctx.Run(c => Task.Delay(Timeout.Infinite, c.Cancellation), new SpawnOptions { Name = $"conn-{i}", Label = "connection", Timeout = Timeout.InfiniteTimeSpan });
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        })
        .AddActor<Echo>("echo"), endpoints);

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task WaitForConnections(TestWebApp web) => await TestWaits.UntilAsync(() => web.System.Find("/server/conn-3") is not null, "three connections");

    [Fact]
    public async Task GetActors_ListsTheTreeAsJson_WithEveryField()
    {
        await using var web = await StartServer();
        await WaitForConnections(web);
        var echo = web.System.Find("/echo") as IActorRef<string>;
        for (var i = 0; i < 5; i++) echo!.Tell("x");
        await TestWaits.UntilAsync(() => web.System.Snapshot().Tasks.Single(t => t.Path == "/echo").MessagesHandled == 5, "five messages handled");

        var tree = await Json(await web.Client.GetAsync("/actors"));

        Assert.Equal(6, tree.GetProperty("total").GetInt32());
        Assert.False(tree.GetProperty("truncated").GetBoolean());
        var tasks = tree.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(["/", "/server", "/server/conn-1", "/server/conn-2", "/server/conn-3", "/echo"], tasks.Select(t => t.GetProperty("path").GetString()));
        var conn = tasks[2];
        Assert.Equal("conn-1", conn.GetProperty("name").GetString());
        Assert.Equal("connection", conn.GetProperty("label").GetString());
        Assert.Equal("Process", conn.GetProperty("kind").GetString());
        Assert.Equal("Running", conn.GetProperty("state").GetString());
        Assert.Equal(2, conn.GetProperty("depth").GetInt32());
        Assert.True(conn.GetProperty("ageMs").GetInt64() >= 0);
        foreach (var field in new[] { "mailbox", "handled", "rate", "restarts", "stopping", "transient" }) Assert.True(conn.TryGetProperty(field, out _), field);
        Assert.Equal(5, tasks[5].GetProperty("handled").GetInt64());
        Assert.Equal("Handler", tasks[5].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task GetActors_FiltersBySubtreeAndDepth_AndPagesWithATruncationMarker()
    {
        await using var web = await StartServer();
        await WaitForConnections(web);

        var under = await Json(await web.Client.GetAsync("/actors?under=/server&depth=0"));
        Assert.Equal(["/server"], under.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("path").GetString()));
        var top = await Json(await web.Client.GetAsync("/actors?depth=1"));
        Assert.Equal(["/", "/server", "/echo"], top.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("path").GetString()));

        var first = await Json(await web.Client.GetAsync("/actors?under=/server&limit=2"));
        Assert.Equal(4, first.GetProperty("total").GetInt32());
        Assert.True(first.GetProperty("truncated").GetBoolean());
        Assert.Equal(2, first.GetProperty("nextOffset").GetInt32());
        var second = await Json(await web.Client.GetAsync("/actors?under=/server&limit=2&offset=2"));
        Assert.False(second.GetProperty("truncated").GetBoolean());
        Assert.Equal(["/server/conn-2", "/server/conn-3"], second.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("path").GetString()));
    }

    [Theory]
    [InlineData("/actors?depth=-1")]
    [InlineData("/actors?depth=abc")]
    [InlineData("/actors?depth=99999999999999999999")]
    [InlineData("/actors?limit=0")]
    [InlineData("/actors?limit=10001")]
    [InlineData("/actors?offset=1e9")]
    [InlineData("/actors?under=server")]
    [InlineData("/actors?under=/server//conn-1")]
    [InlineData("/actors?under=/server/%00")]
    public async Task GetActors_AnswersMalformedOrHugeQueryValuesWith400(string url)
    {
        await using var web = await StartServer();

        var response = await web.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GetActors_AnswersA10KbOrUnknownSubtreeWith400Or404()
    {
        await using var web = await StartServer();

        Assert.Equal(HttpStatusCode.BadRequest, (await web.Client.GetAsync("/actors?under=/" + new string('a', 2_000))).StatusCode);
        Assert.Contains((await web.Client.GetAsync("/actors?under=/" + new string('a', 10_000))).StatusCode, s_tooLong);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync("/actors?under=/nobody")).StatusCode);
    }

    [Fact]
    public async Task GetCount_CountsByStateAndKind()
    {
        await using var web = await StartServer();
        await WaitForConnections(web);

        var count = await Json(await web.Client.GetAsync("/actors/count"));

        Assert.Equal(5, count.GetProperty("total").GetInt32());
        Assert.Equal(5, count.GetProperty("byState").GetProperty("Running").GetInt32());
        Assert.Equal(4, count.GetProperty("byKind").GetProperty("Process").GetInt32());
        Assert.Equal(1, count.GetProperty("byKind").GetProperty("Handler").GetInt32());
    }

    [Fact]
    public async Task PostStop_WithTheToken_StopsTheTask_AndLogsTheCallersAddress()
    {
        await using var web = await StartServer();
        await WaitForConnections(web);
        var conn = web.System.Find("/server/conn-2")!;

        var response = await Stop(web, "/server/conn-2", TestWebApp.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Stopped", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(ActorTaskState.Stopped, conn.State);
        Assert.NotNull(web.System.Find("/server/conn-1"));
        Assert.Contains(web.Logs.Lines, l => l.EventId.Name == "ActorStopRequested" && (string?)l.State["ActorPath"] == "/server/conn-2" && (string?)l.State["RemoteAddress"] == "127.0.0.1");
    }

    [Fact]
    public async Task PostStop_WithoutOrWithAWrongToken_Is401_EvenRepeated_AndStopsNothing()
    {
        await using var web = await StartServer();
        await WaitForConnections(web);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Stop(web, "/server", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Stop(web, "/server", "Basic " + TestWebApp.Token, raw: true)).StatusCode);
        for (var i = 0; i < 50; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Stop(web, "/server", TestWebApp.Token[..^1] + (char)('g' + i % 20))).StatusCode);

        Assert.Equal(ActorTaskState.Running, web.System.Find("/server")!.State);
    }

    [Fact]
    public async Task PostStop_AnswersMalformedPathsWith400_AndUnknownOnesWith404()
    {
        await using var web = await StartServer();

        Assert.Equal(HttpStatusCode.BadRequest, (await Stop(web, "server", TestWebApp.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Stop(web, "/", TestWebApp.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Stop(web, "", TestWebApp.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Stop(web, "/a\u0001b", TestWebApp.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Stop(web, "/" + new string('x', 2_000), TestWebApp.Token)).StatusCode);
        Assert.Contains((await Stop(web, "/" + new string('x', 10_000), TestWebApp.Token)).StatusCode, s_tooLong);
        Assert.Equal(HttpStatusCode.NotFound, (await Stop(web, "/server/ü ∑ <script>", TestWebApp.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Stop(web, "/nobody", TestWebApp.Token)).StatusCode);
    }

    [Fact]
    public async Task PostStop_DoesNotExistWhenNoTokenIsSet()
    {
        await using var web = await StartServer(o => o.StopToken = null);

        Assert.Equal(HttpStatusCode.NotFound, (await Stop(web, "/server", TestWebApp.Token)).StatusCode);
        Assert.Equal(ActorTaskState.Running, web.System.Find("/server")!.State);
    }

    [Fact]
    public async Task GetUi_ServesOneSelfContainedPage()
    {
        await using var web = await StartServer();

        var response = await web.Client.GetAsync("/actors/ui");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("const BASE = \"/actors\";", html);
        Assert.Contains("const STOP = true;", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public async Task TheEndpointsRefuseCallersThatAreNotOnLoopback()
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        var reached = false;

        var result = await LoopbackFilter.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ => { reached = true; return ValueTask.FromResult<object?>(null); });

        Assert.False(reached);
        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        http.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:127.0.0.1");
        await LoopbackFilter.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ => { reached = true; return ValueTask.FromResult<object?>(null); });
        Assert.True(reached);
    }

    private static Task<HttpResponseMessage> Stop(TestWebApp web, string path, string? token, bool raw = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/actors/stop?path=" + Uri.EscapeDataString(path));
        if (token is not null)
        {
            if (raw) request.Headers.TryAddWithoutValidation("Authorization", token);
            else request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return web.Client.SendAsync(request);
    }

    public sealed class Echo : IActor<string>
    {
        public ValueTask ReceiveAsync(ActorContext<string> context, string message) => ValueTask.CompletedTask;
    }
}
