using System.Collections.Concurrent;
using Actors.Tests;

namespace Actors.Supervision.Tests;

/// <summary>Stable references with group restarts, processes and dynamic children.</summary>
public class StableRefShapesTests
{
    [Fact]
    public async Task OneForAll_ASiblingStoppedForTheGroupRestart_KeepsItsQueuedMessages()
    {
        await using var t = new TestSystem();
        var got = new ConcurrentQueue<string>();
        var blocking = Signal.New();
        var sawB2 = Signal.New();
        var a = ChildSpec.Handler<string>("a", () => (ctx, m) => m == "crash" ? throw new InvalidOperationException("a crashed") : ValueTask.CompletedTask);
        var b = ChildSpec.Handler<string>("b", () => async (ctx, m) =>
        {
            if (m == "block")
            {
                blocking.TrySetResult();
                await Task.Delay(Timeout.Infinite, ctx.Cancellation);   // stopped here by the group restart
            }
            got.Enqueue(m);
            if (m == "b2") sawB2.SetResult();
        });
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { Strategy = SupervisionStrategy.OneForAll, Children = [a, b] });

        sup.Ref(b).Tell("block");
        await blocking.Task.WithinAsync("b busy");
        sup.Ref(b).Tell("b1");
        sup.Ref(b).Tell("b2");
        sup.Ref(a).Tell("crash");
        await sawB2.Task.WithinAsync("b2 handled by b's next instance");

        Assert.Equal(["b1", "b2"], got);
        Assert.Equal(1, (await sup.WhichChildrenAsync().WithinAsync("which")).Single(c => c.Id == "b").Restarts);
    }

    [Fact]
    public async Task AProcessWithAMailbox_GetsWhatItsFailedInstanceHadNotReceived()
    {
        await using var t = new TestSystem();
        var got = new ConcurrentQueue<int>();
        var saw3 = Signal.New();
        var p = ChildSpec.Process<int>("p", async ctx =>
        {
            while (true)
            {
                var m = await ctx.ReceiveAsync();
                if (m < 0) throw new InvalidOperationException("negative");
                got.Enqueue(m);
                if (m == 3) saw3.SetResult();
            }
        });
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { Children = [p] });
        var r = sup.Ref(p);

        foreach (var m in new[] { 1, -1, 2, 3 }) r.Tell(m);
        await saw3.Task.WithinAsync("3");

        Assert.Equal([1, 2, 3], got);
    }

    [Fact]
    public async Task ADynamicChild_HasAStableReferenceOnceStarted_AndNoneOnceDeleted()
    {
        await using var t = new TestSystem();
        var got = new ConcurrentQueue<int>();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { MaxRestarts = 10 });
        var spec = ChildSpec.Handler<int>("dyn", () => (ctx, m) =>
        {
            if (m < 0) throw new InvalidOperationException("negative");
            got.Enqueue(m);
            return ValueTask.CompletedTask;
        });

        Assert.False(sup.TryGetRef<int>("dyn", out _));
        Assert.Equal(ChildOperationResult.Ok, await sup.StartChildAsync(spec).WithinAsync("start"));
        var r = sup.Ref(spec);
        r.Tell(1);
        r.Tell(-1);
        r.Tell(2);
        await TestWaits.UntilAsync(() => got.Count == 2, "1 and 2");
        Assert.Equal([1, 2], got);

        Assert.Equal(ChildOperationResult.Ok, await sup.TerminateChildAsync("dyn").WithinAsync("terminate"));
        Assert.Equal(ChildOperationResult.Ok, await sup.DeleteChildAsync("dyn").WithinAsync("delete"));
        Assert.False(sup.TryGetRef<int>("dyn", out _));
        Assert.False(r.TryTell(3));
    }
}
