using Actors.Tests;

namespace Actors.Supervision.Tests;

public class SupervisorStrategyTests
{
    private static SupervisorOptions Options(Probe probe, SupervisionStrategy strategy, params string[] ids) => new()
    {
        Strategy = strategy,
        MaxRestarts = 10,
        Children = [.. ids.Select(id => probe.Child(id))],
    };

    [Fact]
    public async Task Start_StartsChildrenInSpecOrder()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", Options(probe, SupervisionStrategy.OneForOne, "a", "b", "c"));
        await probe.Log.WaitUntilAsync(e => e.Count == 3, "three starts");
        // Bodies run on the thread pool, so their log lines may interleave; the tree keeps spawn order.
        Assert.Equal(["a", "b", "c"], sup.ActorTask.Children.Select(c => c.Name));
    }

    [Fact]
    public async Task OneForOne_RestartsOnlyTheFailedChild_AndKeepsSiblingsIdentity()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", Options(probe, SupervisionStrategy.OneForOne, "a", "b", "c"));
        await probe.Log.WaitForAsync("start c");
        var (a, b, c) = (sup.Child("a"), sup.Child("b"), sup.Child("c"));

        probe.Fail("b");
        await probe.Log.WaitForAsync("start b", 2);

        Assert.Same(a, sup.Child("a"));
        Assert.Same(c, sup.Child("c"));
        Assert.NotSame(b, sup.Child("b"));
        Assert.Equal(ActorTaskState.Failed, b!.State);
        Assert.Equal(1, sup.Child("b")!.Restarts);
        Assert.Equal(1, probe.Log.CountOf("start a"));
    }

    [Fact]
    public async Task OneForAll_StopsOthersInReverseOrder_ThenStartsAllInSpecOrder()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", Options(probe, SupervisionStrategy.OneForAll, "a", "b", "c"));
        // Bodies run on the thread pool: the last start line does not mean the earlier ones are logged.
        await probe.Log.WaitUntilAsync(e => e.Count == 3, "3 starts");
        var before = new[] { sup.Child("a"), sup.Child("b"), sup.Child("c") };

        probe.Fail("b");
        await probe.Log.WaitForAsync("start c", 2);

        Assert.Equal(["stop b", "stop c", "stop a"], probe.Log.Items.Skip(3).Take(3));   // the failed one, then the others in reverse
        Assert.Equal(["a", "b", "c"], sup.ActorTask.Children.Where(c => !c.IsFinished).Select(c => c.Name));   // restarted in spec order
        var after = new[] { sup.Child("a"), sup.Child("b"), sup.Child("c") };
        for (var i = 0; i < 3; i++) Assert.NotSame(before[i], after[i]);
    }

    [Fact]
    public async Task RestForOne_RestartsTheChildAndLaterOnes_EarlierKeepTheirIdentity()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", Options(probe, SupervisionStrategy.RestForOne, "a", "b", "c", "d"));
        // Bodies run on the thread pool: the last start line does not mean the earlier ones are logged.
        await probe.Log.WaitUntilAsync(e => e.Count == 4, "4 starts");
        var a = sup.Child("a");
        var c = sup.Child("c");

        probe.Fail("b");
        await probe.Log.WaitForAsync("start d", 2);

        Assert.Equal(["stop b", "stop d", "stop c"], probe.Log.Items.Skip(4).Take(3));
        Assert.Equal(["a", "b", "c", "d"], sup.ActorTask.Children.Where(c => !c.IsFinished).Select(c => c.Name));
        Assert.Same(a, sup.Child("a"));
        Assert.NotSame(c, sup.Child("c"));
    }

    [Fact]
    public async Task Stop_StopsChildrenInReverseSpecOrder_EvenAfterRestarts()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", Options(probe, SupervisionStrategy.OneForOne, "a", "b", "c"));
        // Bodies run on the thread pool: the last start line does not mean the earlier ones are logged.
        await probe.Log.WaitUntilAsync(e => e.Count == 3, "3 starts");
        probe.Fail("a");   // a restarts, becoming the most recently started task
        await probe.Log.WaitForAsync("start a", 2);

        await sup.ActorTask.StopAsync().WithinAsync("supervisor stop");

        Assert.Equal(["stop c", "stop b", "stop a"], probe.Log.Items.Skip(5));
        Assert.Equal(ActorTaskState.Stopped, sup.ActorTask.State);
    }

    [Fact]
    public async Task OneForAll_NeverChildCaughtInGroupRestart_IsStoppedNotRestarted()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
        {
            Strategy = SupervisionStrategy.OneForAll,
            Children = [probe.Child("a"), probe.Child("temp", RestartPolicy.Never), probe.Child("c")],
        });
        await probe.Log.WaitForAsync("start c");

        probe.Fail("a");
        await probe.Log.WaitForAsync("start c", 2);

        Assert.Equal(1, probe.Log.CountOf("start temp"));
        Assert.Equal(1, probe.Log.CountOf("stop temp"));
        var which = await sup.WhichChildrenAsync().WithinAsync("which");
        Assert.Equal(ChildStatus.Terminated, which.Single(c => c.Id == "temp").Status);
    }

    [Fact]
    public async Task GroupRestart_DoesNotBringBackChildrenAddedAtRunTime()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", Options(probe, SupervisionStrategy.OneForAll, "a"));
        await probe.Log.WaitForAsync("start a");
        Assert.Equal(ChildOperationResult.Ok, await sup.StartChildAsync(probe.Child("dyn")).WithinAsync("start dyn"));
        await probe.Log.WaitForAsync("start dyn");

        probe.Fail("a");
        await probe.Log.WaitForAsync("start a", 2);

        Assert.Equal(1, probe.Log.CountOf("start dyn"));
        Assert.DoesNotContain(await sup.WhichChildrenAsync().WithinAsync("which"), c => c.Id == "dyn");
    }

    [Fact]
    public async Task FailureDuringOneForAllRestart_IsHandledAndTheGroupEndsUpRunning()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", Options(probe, SupervisionStrategy.OneForAll, "a", "b", "c"));
        await probe.Log.WaitForAsync("start c");

        probe.Fail("a");
        probe.Fail("c");   // fails while the group restart for a is under way (or just before)
        await probe.Log.WaitForAsync("start c", 2);
        // A restart is its own step after the exit is handled, so wait for the group rather than sample it.
        await TestWaits.UntilAsync(() => sup.WhichChildrenAsync().Result.All(c => c.Status == ChildStatus.Running), "the whole group running");
        Assert.Equal(ActorTaskState.Running, sup.ActorTask.State);
    }
}
