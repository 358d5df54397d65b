using Actors.Tests;

namespace Actors.Supervision.Tests;

public class DeathWatchTests
{
    [Fact]
    public async Task Watcher_GetsExactlyOneNotice_WhenTheWatchedTaskFinishes()
    {
        await using var t = new TestSystem();
        var watcher = t.Kit.CreateProbe<string>();
        var watched = t.System.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation));
        _ = watched.Watch(watcher, "down");

        await watched.StopAsync().WithinAsync("stop");
        await TestWaits.UntilAsync(() => watcher.Pending.Count == 1, "notice");
        watcher.Tell("ping");
        var notices = await watcher.ExpectManyAsync(2);
        Assert.Equal(["down", "ping"], notices);
    }

    [Fact]
    public async Task Unwatch_IsHonouredEvenWhenTheNoticeIsAlreadyQueued()
    {
        await using var t = new TestSystem();
        var gate = Signal.New();
        var seen = new List<string>();
        var watcher = t.System.Spawn<string>(async (ctx, m) =>
        {
            if (m == "block") await gate.Task;
            seen.Add(m);
        });
        var watched = t.System.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation));
        var watch = watched.Watch(watcher, "down");
        watcher.Tell("block");                    // the watcher is busy, so the notice will wait in its mailbox
        await watched.StopAsync().WithinAsync("stop");
        await TestWaits.UntilAsync(() => watcher.Task.MailboxDepth >= 1, "notice queued");

        watch.Dispose();                          // unwatch while the notice is in flight
        watcher.Tell("after");
        gate.SetResult();
        await TestWaits.UntilAsync(() => seen.Contains("after"), "after handled");

        Assert.Equal(["block", "after"], seen);
    }

    [Fact]
    public async Task WatchingAFinishedTask_SendsTheNoticeAtOnce()
    {
        await using var t = new TestSystem();
        var watcher = t.Kit.CreateProbe<string>();
        var done = t.System.Run(_ => Task.CompletedTask);
        await done.Completion.WithinAsync("done");
        _ = done.Watch(watcher, "already down");
        Assert.Equal("already down", await watcher.ExpectAsync());
    }
}

public class ChildWatchTests
{
    [Fact]
    public async Task WatchingASupervisedChild_GivesNoNoticeForRestarts_AndOneForTheFinalStop()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var watcher = t.Kit.CreateProbe<string>();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { MaxRestarts = 10, Children = [probe.Child("w")] });
        await probe.Log.WaitForAsync("start w");
        Assert.NotNull(await sup.WatchChildAsync("w", watcher, "w is gone").WithinAsync("watch"));

        probe.Fail("w");
        await probe.Log.WaitForAsync("start w", 2);
        probe.Fail("w");
        await probe.Log.WaitForAsync("start w", 3);
        Assert.Equal(ChildOperationResult.Ok, await sup.TerminateChildAsync("w").WithinAsync("terminate"));
        await TestWaits.UntilAsync(() => watcher.Pending.Count == 1, "the notice");
        watcher.Tell("ping");   // anything sent earlier (a notice for a restart) would be handled before this
        var notices = await watcher.ExpectManyAsync(2);

        Assert.Equal(["w is gone", "ping"], notices);
    }

    [Fact]
    public async Task WatchingAnUnknownChild_ReturnsNull()
    {
        await using var t = new TestSystem();
        var watcher = t.Kit.CreateProbe<string>();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions());
        Assert.Null(await sup.WatchChildAsync("nope", watcher, "x").WithinAsync("watch"));
    }
}
