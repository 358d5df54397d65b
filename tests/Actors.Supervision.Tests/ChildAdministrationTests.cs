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
        await probe.Log.WaitFor("start a");

        Assert.Equal(ChildOperationResult.Ok, await sup.StartChildAsync(probe.Child("b")).Within("start b"));
        Assert.Equal(ChildOperationResult.AlreadyRunning, await sup.StartChildAsync(probe.Child("b")).Within("start b again"));
        Assert.Equal(ChildOperationResult.Ok, await sup.TerminateChildAsync("b").Within("terminate b"));
        Assert.Equal(ChildOperationResult.AlreadyPresent, await sup.StartChildAsync(probe.Child("b")).Within("start present b"));
    }

    [Fact]
    public async Task TerminateRestartDelete_FollowTheChildsStatus()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { Children = [probe.Child("a")] });
        await probe.Log.WaitFor("start a");

        Assert.Equal(ChildOperationResult.NotFound, await sup.TerminateChildAsync("nope").Within("terminate unknown"));
        Assert.Equal(ChildOperationResult.AlreadyRunning, await sup.RestartChildAsync("a").Within("restart running"));
        Assert.Equal(ChildOperationResult.AlreadyRunning, await sup.DeleteChildAsync("a").Within("delete running"));
        Assert.Equal(ChildOperationResult.Ok, await sup.TerminateChildAsync("a").Within("terminate"));
        Assert.Equal(1, probe.Log.Count("stop a"));
        Assert.Equal(ChildOperationResult.Ok, await sup.RestartChildAsync("a").Within("restart terminated"));
        await probe.Log.WaitFor("start a", 2);
        Assert.Equal(ChildOperationResult.Ok, await sup.TerminateChildAsync("a").Within("terminate again"));
        Assert.Equal(ChildOperationResult.Ok, await sup.DeleteChildAsync("a").Within("delete"));
        Assert.Equal(ChildOperationResult.NotFound, await sup.DeleteChildAsync("a").Within("delete again"));
        Assert.Empty(await sup.WhichChildrenAsync().Within("which"));
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
        await probe.Log.WaitFor("start leaf");

        var which = await sup.WhichChildrenAsync().Within("which");
        Assert.Equal(["a", "nested"], which.Select(c => c.Id));
        Assert.All(which, c => Assert.Equal(ChildStatus.Running, c.Status));
        Assert.True(which[1].IsSupervisor);
        Assert.Equal(new ChildCounts(2, 2, 1, 1), await sup.CountChildrenAsync().Within("count"));
        Assert.NotNull(t.System.Find("/sup/nested/leaf"));
    }

    [Fact]
    public async Task RestartCountShowsInTheSnapshot()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { Children = [probe.Child("a")] });
        await probe.Log.WaitFor("start a");
        probe.Fail("a");
        await probe.Log.WaitFor("start a", 2);

        var info = t.System.Snapshot().Tasks.Single(x => x.Path == "/sup/a");
        Assert.Equal(1, info.Restarts);
        Assert.Equal("InvalidOperationException: a crashed", info.LastFailure);
    }
}
