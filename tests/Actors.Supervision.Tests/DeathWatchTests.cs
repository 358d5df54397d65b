using Actors.Tests;

namespace Actors.Supervision.Tests;

public class DeathWatchTests
{
    [Fact]
    public async Task Watcher_GetsExactlyOneNotice_WhenTheWatchedTaskFinishes()
    {
        await using var t = new TestSystem();
        var notices = new List<string>();
        var got = Signal.New();
        var watcher = t.System.Spawn<string>((ctx, m) => { notices.Add(m); got.TrySetResult(); return ValueTask.CompletedTask; });
        var watched = t.System.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation));
        _ = watched.Watch(watcher, "down");

        await watched.StopAsync().Within("stop");
        await got.Task.Within("notice");
        await watcher.AskAsync<bool>(r => { r.Reply(true); return "ping"; }).Within("round trip").ContinueWith(_ => { });
        Assert.Equal("down", notices[0]);
        Assert.Single(notices, "down");
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
        await watched.StopAsync().Within("stop");
        await Signal.Until(() => watcher.Task.MailboxDepth >= 1, "notice queued");

        watch.Dispose();                          // unwatch while the notice is in flight
        watcher.Tell("after");
        gate.SetResult();
        await Signal.Until(() => seen.Contains("after"), "after handled");

        Assert.Equal(["block", "after"], seen);
    }

    [Fact]
    public async Task WatchingAFinishedTask_SendsTheNoticeAtOnce()
    {
        await using var t = new TestSystem();
        var got = Signal.New<string>();
        var watcher = t.System.Spawn<string>((ctx, m) => { got.TrySetResult(m); return ValueTask.CompletedTask; });
        var done = t.System.Run(_ => Task.CompletedTask);
        await done.Completion.Within("done");
        _ = done.Watch(watcher, "already down");
        Assert.Equal("already down", await got.Task.Within("notice"));
    }
}
