using Actors.Tests;

namespace Actors.Supervision.Tests;

public class DeathWatchTests
{
    [Fact]
    public async Task Watcher_GetsExactlyOneNotice_WhenTheWatchedTaskFinishes()
    {
        await using var t = new TestSystem();
        var notices = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var got = Signal.New();
        var watcher = t.System.Spawn<string>((ctx, m) => { notices.Enqueue(m); got.TrySetResult(); return ValueTask.CompletedTask; });
        var watched = t.System.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation));
        _ = watched.Watch(watcher, "down");

        await watched.StopAsync().WithinAsync("stop");
        await got.Task.WithinAsync("notice");
        watcher.Tell("ping");
        await TestWaits.UntilAsync(() => notices.Contains("ping"), "the ping");
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
        await TestWaits.UntilAsync(() => watcher.ActorTask.MailboxDepth >= 1, "notice queued");

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
        var got = Signal.New<string>();
        var watcher = t.System.Spawn<string>((ctx, m) => { got.TrySetResult(m); return ValueTask.CompletedTask; });
        var done = t.System.Run(_ => Task.CompletedTask);
        await done.Completion.WithinAsync("done");
        _ = done.Watch(watcher, "already down");
        Assert.Equal("already down", await got.Task.WithinAsync("notice"));
    }
}

public class ChildWatchTests
{
    [Fact]
    public async Task WatchingASupervisedChild_GivesNoNoticeForRestarts_AndOneForTheFinalStop()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var notices = new List<string>();
        var watcher = t.System.Spawn<string>((ctx, m) => { lock (notices) notices.Add(m); return ValueTask.CompletedTask; });
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { MaxRestarts = 10, Children = [probe.Child("w")] });
        await probe.Log.WaitForAsync("start w");
        Assert.NotNull(await sup.WatchChildAsync("w", watcher, "w is gone").WithinAsync("watch"));

        probe.Fail("w");
        await probe.Log.WaitForAsync("start w", 2);
        probe.Fail("w");
        await probe.Log.WaitForAsync("start w", 3);
        Assert.Equal(ChildOperationResult.Ok, await sup.TerminateChildAsync("w").WithinAsync("terminate"));
        await TestWaits.UntilAsync(() => { lock (notices) return notices.Count == 1; }, "the notice");
        watcher.Tell("ping");   // anything sent earlier (a notice for a restart) would be handled before this
        await TestWaits.UntilAsync(() => { lock (notices) return notices.Contains("ping"); }, "the ping");

        lock (notices) Assert.Equal(["w is gone", "ping"], notices);
    }

    [Fact]
    public async Task WatchingAnUnknownChild_ReturnsNull()
    {
        await using var t = new TestSystem();
        var watcher = t.System.Spawn<string>((ctx, m) => ValueTask.CompletedTask);
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions());
        Assert.Null(await sup.WatchChildAsync("nope", watcher, "x").WithinAsync("watch"));
    }
}
