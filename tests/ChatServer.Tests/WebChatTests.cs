using ChatServer.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ChatServer.Tests;

/// <summary>The web chat page in headless Chromium (Debian's, through Playwright) talks with an IRC test client.</summary>
public sealed class WebChatTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_web_page_joins_a_channel_and_exchanges_messages_with_an_irc_client()
    {
        if (!File.Exists(Chromium))
        {
            Assert.NotEqual("true", Environment.GetEnvironmentVariable("CI"));   // CI installs it
            output.WriteLine("chromium is not installed; run `bash .ci/install-deps` to include this test.");
            return;
        }
        await using var app = ChatHosting.Build(["--Chat:IrcPort=0", "--Chat:HttpPort=0", "--Chat:FloodControl=false", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        try
        {
            var url = app.Urls.First();
            var irc = await app.Services.GetRequiredService<ChatService>().Server.IrcEndPoint;
            await using var human = await IrcClient.ConnectAsync(irc);
            await human.RegisterAsync("ircuser");
            await human.SendAsync("JOIN #web");
            await human.ExpectNumericAsync("366");

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
            var page = await browser.NewPageAsync();
            page.SetDefaultTimeout(30_000);
            await page.GotoAsync(url);
            await page.FillAsync("#nick", "webuser");
            await page.FillAsync("#channel", "#web");
            await page.ClickAsync("#connect");
            await human.ExpectAsync(":webuser!webuser@127.0.0.1 JOIN #web");
            await page.WaitForSelectorAsync("#text:not([disabled])");
            await human.SendAsync("PRIVMSG #web :hello browser");
            await page.WaitForSelectorAsync("text=<ircuser> hello browser");
            await page.FillAsync("#text", "hello irc, from the page");
            await page.PressAsync("#text", "Enter");
            await human.ExpectAsync(":webuser!webuser@127.0.0.1 PRIVMSG #web :hello irc, from the page");
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
