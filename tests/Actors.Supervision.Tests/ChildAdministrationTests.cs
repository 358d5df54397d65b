using Actors.Tests;

namespace Actors.Supervision.Tests;

public class ChildAdministrationTests
{
    [Fact]
    public async Task StartChild_GivesDistinctResultsForNewRunningAndPresentIds()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { Children = [probe.Child("a")] });
        await probe.Log.WaitForAsync("start a");

        Assert.Equal(ChildOperationResult.Ok, await sup.StartChildAsync(probe.Child("b")).WithinAsync("start b"));
        Assert.Equal(ChildOperationResult.AlreadyRunning, await sup.StartChildAsync(probe.Child("b")).WithinAsync("start b again"));
        Assert.Equal(ChildOperationResult.Ok, await sup.TerminateChildAsync("b").WithinAsync("terminate b"));
        Assert.Equal(ChildOperationResult.AlreadyPresent, await sup.StartChildAsync(probe.Child("b")).WithinAsync("start present b"));
    }

    [Fact]
    public async Task TerminateRestartDelete_FollowTheChildsStatus()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { Children = [probe.Child("a")] });
        await probe.Log.WaitForAsync("start a");

        Assert.Equal(ChildOperationResult.NotFound, await sup.TerminateChildAsync("nope").WithinAsync("terminate unknown"));
        Assert.Equal(ChildOperationResult.AlreadyRunning, await sup.RestartChildAsync("a").WithinAsync("restart running"));
        Assert.Equal(ChildOperationResult.AlreadyRunning, await sup.DeleteChildAsync("a").WithinAsync("delete running"));
        Assert.Equal(ChildOperationResult.Ok, await sup.TerminateChildAsync("a").WithinAsync("terminate"));
        Assert.Equal(1, probe.Log.CountOf("stop a"));
        Assert.Equal(ChildOperationResult.Ok, await sup.RestartChildAsync("a").WithinAsync("restart terminated"));
        await probe.Log.WaitForAsync("start a", 2);
        Assert.Equal(ChildOperationResult.Ok, await sup.TerminateChildAsync("a").WithinAsync("terminate again"));
        Assert.Equal(ChildOperationResult.Ok, await sup.DeleteChildAsync("a").WithinAsync("delete"));
        Assert.Equal(ChildOperationResult.NotFound, await sup.DeleteChildAsync("a").WithinAsync("delete again"));
        Assert.Empty(await sup.WhichChildrenAsync().WithinAsync("which"));
    }

    [Fact]
    public async Task WhichAndCountChildren_DescribeEveryChild()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
        {
            Children = [probe.Child("a"), ChildSpec.Supervisor("nested", new SupervisorOptions { Children = [probe.Child("leaf")] })],
        });
        await probe.Log.WaitForAsync("start leaf");

        var which = await sup.WhichChildrenAsync().WithinAsync("which");
        Assert.Equal(["a", "nested"], which.Select(c => c.Id));
        Assert.All(which, c => Assert.Equal(ChildStatus.Running, c.Status));
        Assert.True(which[1].IsSupervisor);
        Assert.Equal(new ChildCounts(2, 2, 1, 1), await sup.CountChildrenAsync().WithinAsync("count"));
        Assert.NotNull(t.System.Find("/sup/nested/leaf"));
    }

    [Fact]
    public async Task RestartCountShowsInTheSnapshot()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { Children = [probe.Child("a")] });
        await probe.Log.WaitForAsync("start a");
        probe.Fail("a");
        await probe.Log.WaitForAsync("start a", 2);

        var info = t.System.Snapshot().Tasks.Single(x => x.Path == "/sup/a");
        Assert.Equal(1, info.Restarts);
        Assert.Equal("InvalidOperationException: a crashed", info.LastFailure);
    }
}
