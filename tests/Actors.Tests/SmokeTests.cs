namespace Actors.Tests;

public class SmokeTests
{
    [Fact]
    public async Task Run_ReturnsResult()
    {
        await using var t = new TestSystem();
        var task = t.System.Run(async ctx => { await Task.Yield(); return 42; });
        Assert.Equal(42, await task.Completion.WithinAsync("result"));
        Assert.Equal(ActorTaskState.Completed, task.State);
    }

    [Fact]
    public async Task Spawn_HandlesMessages_InOrder()
    {
        await using var t = new TestSystem();
        var seen = new List<int>();
        var done = Signal.New();
        var actor = t.System.Spawn<int>((ctx, m) => { seen.Add(m); if (m == 999) done.SetResult(); return ValueTask.CompletedTask; });
        for (var i = 0; i < 1000; i++) actor.Tell(i);
        await done.Task.WithinAsync("all messages");
        Assert.Equal(Enumerable.Range(0, 1000), seen);
    }

    [Fact]
    public async Task Ask_GetsReply()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<(int X, IReplyTo<int> R)>((ctx, m) => { m.R.Reply(m.X * 2); return ValueTask.CompletedTask; });
        Assert.Equal(42, await actor.AskAsync<int>(r => (21, r)).WithinAsync("reply"));
    }

    [Fact]
    public async Task Stop_StopsChildrenFirst_InReverseOrder()
    {
        await using var t = new TestSystem();
        var order = new List<string>();
        var started = new CountdownEvent(3);
        var parent = t.System.Run(async ctx =>
        {
            for (var i = 0; i < 3; i++)
            {
                var name = "c" + i;
                _ = ctx.Run(async c =>
                {
                    try { started.Signal(); await Task.Delay(Timeout.Infinite, c.Cancellation); }
                    finally { lock (order) order.Add(name); }
                }, new SpawnOptions { Name = name });
            }
            try { await Task.Delay(Timeout.Infinite, ctx.Cancellation); }
            finally { lock (order) order.Add("parent"); }
        });
        await Task.Run(() => started.Wait(TestSystem.Bound)).WithinAsync("children started");
        await parent.StopAsync().WithinAsync("stop");
        Assert.Equal(["c2", "c1", "c0", "parent"], order);
        Assert.Equal(ActorTaskState.Stopped, parent.State);
        await Assert.ThrowsAsync<ActorStoppedException>(() => parent.Completion);
    }
}
