using Actors.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Actors.Hosting.Tests;

/// <summary>The live page in headless Chromium (Debian's /usr/bin/chromium, installed by .ci/install-deps).</summary>
public class LivePageTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task ThePageShowsTasks_ShowsANewOneWithin3s_MarksARestart_AndItsStopButtonStopsATask()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run .ci/install-deps (apt-get install chromium).");
        var spawnLate = Signal.New();
        await using var web = await TestWebApp.StartAsync(a => a
            .AddSupervisor("web", s => s
                .AddActor<EndpointTests.Echo>("echo")
                .AddProcess("traffic", async (ctx, services) =>
                {
                    var echo = (IActorRef<string>)ctx.System.Find("/web/echo")!;
                    while (true) { ((IActorRef<string>?)ctx.System.Find("/web/echo") ?? echo).TryTell("ping"); await Task.Delay(5, ctx.Cancellation); }
                }))
            .AddSupervisor("jobs", s =>
            {
                s.MaxRestarts = 100;
                s.AddActor<HealthCheckTests.Crasher>("crasher");
            })
            .AddProcess("server", async (ctx, services) =>
            {
                for (var i = 1; i <= 3; i++)
                    _ = ctx.Run(c => Task.Delay(Timeout.Infinite, c.Cancellation), new SpawnOptions { Name = $"conn-{i}", Label = "connection", Timeout = Timeout.InfiniteTimeSpan });
                await spawnLate.Task.WaitAsync(ctx.Cancellation);
                _ = ctx.Run(c => Task.Delay(Timeout.Infinite, c.Cancellation), new SpawnOptions { Name = "late", Label = "connection", Timeout = Timeout.InfiniteTimeSpan });
                await Task.Delay(Timeout.Infinite, ctx.Cancellation);
            }));
        await TestWaits.UntilAsync(() => web.System.Find("/server/conn-3") is not null, "the connections");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 640 } });
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync(new Uri(web.BaseAddress, "/actors/ui").ToString());
        await page.FillAsync("#token", TestWebApp.Token);
        var bound = new LocatorAssertionsToBeVisibleOptions { Timeout = (float)TestSystem.Bound.TotalMilliseconds };

        await Expect(page.Locator("tr[data-path='/server/conn-1']")).ToBeVisibleAsync(bound);
        await Expect(page.Locator("tr[data-path='/server/conn-1'] .pill")).ToHaveTextAsync("Running");

        spawnLate.SetResult();
        await Expect(page.Locator("tr[data-path='/server/late']")).ToBeVisibleAsync(new() { Timeout = 3000 + 2000 });   // within 3 s of appearing (+ a poll)

        ((IActorRef<string>)web.System.Find("/jobs/crasher")!).Tell("crash");
        await Expect(page.Locator("tr[data-path='/jobs/crasher'] .restarts.rising")).ToBeVisibleAsync(bound);
        await Expect(page.Locator("tr[data-path='/jobs/crasher'] .restarts")).ToHaveTextAsync("1");

        await page.ClickAsync("tr[data-path='/jobs/crasher'] td");
        await Expect(page.Locator("#failure")).ToContainTextAsync("crash on request", new() { Timeout = (float)TestSystem.Bound.TotalMilliseconds });

        await TestWaits.UntilAsync(() => web.System.Snapshot().Tasks.Single(t => t.Path == "/web/echo").MessagesHandled > 100, "traffic through the echo actor");
        await SaveScreenshotAsync(page);

        var conn = web.System.Find("/server/conn-2")!;
        await page.ClickAsync("tr[data-path='/server/conn-2'] button.stop");
        await conn.WhenFinishedAsync().WithinAsync("the stop through the page");
        Assert.Equal(ActorTaskState.Stopped, conn.State);
        await Expect(page.Locator("tr[data-path='/server/conn-2']")).ToHaveCountAsync(0, new() { Timeout = (float)TestSystem.Bound.TotalMilliseconds });
        Assert.NotNull(web.System.Find("/server/conn-1"));
    }

    /// <summary>Writes the README's screenshot next to the test output, and over docs/images/live-page.png when ACTORS_UPDATE_SCREENSHOT=1.</summary>
    private static async Task SaveScreenshotAsync(IPage page)
    {
        await Expect(page.Locator("svg.spark polyline").First).ToBeAttachedAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));   // not synchronisation: lets the sparklines gather a few points for the picture
        var png = await page.ScreenshotAsync(new() { FullPage = false });
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "live-page.png"), png);
        if (Environment.GetEnvironmentVariable("ACTORS_UPDATE_SCREENSHOT") != "1") return;
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Actors.sln"))) repo = repo.Parent;
        Assert.NotNull(repo);
        Directory.CreateDirectory(Path.Combine(repo.FullName, "docs", "images"));
        await File.WriteAllBytesAsync(Path.Combine(repo.FullName, "docs", "images", "live-page.png"), png);
    }
}
