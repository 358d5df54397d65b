using Actors.Tests;

namespace Actors.Supervision.Tests;

public class RestartPolicyTests
{
    public enum Exit { Complete, Crash, Stop }

    [Theory]
    [InlineData(RestartPolicy.Always, Exit.Complete, true)]
    [InlineData(RestartPolicy.Always, Exit.Crash, true)]
    [InlineData(RestartPolicy.Always, Exit.Stop, true)]
    [InlineData(RestartPolicy.OnFailure, Exit.Complete, false)]
    [InlineData(RestartPolicy.OnFailure, Exit.Crash, true)]
    [InlineData(RestartPolicy.OnFailure, Exit.Stop, false)]
    [InlineData(RestartPolicy.Never, Exit.Complete, false)]
    [InlineData(RestartPolicy.Never, Exit.Crash, false)]
    [InlineData(RestartPolicy.Never, Exit.Stop, false)]
    public async Task Policy_DecidesWhetherAnExitIsRestarted(RestartPolicy policy, Exit exit, bool restarted)
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { Children = [probe.Child("w", policy), probe.Child("marker")] });
        // Both bodies have run: children start in spec order, but each body runs on its own, so "start marker"
        // can be logged before w's body began; a stop that came first means w's body never runs (by design).
        await probe.Log.WaitForAsync("start w");
        await probe.Log.WaitForAsync("start marker");
        var first = sup.Child("w")!;

        switch (exit)
        {
            case Exit.Complete: probe.Complete("w"); break;
            case Exit.Crash: probe.Fail("w"); break;
            case Exit.Stop: await first.StopAsync().WithinAsync("stop by someone else"); break;
        }
        await first.WhenFinishedAsync().WithinAsync("first instance finished");
        // A round trip through the supervisor's loop: the exit has been handled once this answers.
        var which = await sup.WhichChildrenAsync().WithinAsync("which");
        var w = which.Single(c => c.Id == "w");
        if (restarted)
        {
            await probe.Log.WaitForAsync("start w", 2);
            Assert.NotEqual(ChildStatus.Terminated, w.Status);
        }
        else
        {
            Assert.Equal(ChildStatus.Terminated, w.Status);
            Assert.Equal(1, probe.Log.CountOf("start w"));
        }
    }

    [Fact]
    public async Task ChildThatExitsOnItsOwnDuringShutdown_IsNotRestarted()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
        {
            Children = [probe.Child("early"), probe.Child("slow", shutdown: TimeSpan.FromSeconds(30), ignoreStop: true)],
        });
        await probe.Log.WaitForAsync("start slow");

        var stopping = sup.ActorTask.StopAsync();
        await TestWaits.UntilAsync(() => sup.Child("slow")?.IsStopping == true, "slow is being stopped");
        probe.Fail("early");     // exits on its own while the supervisor shuts down
        probe.Complete("slow");
        await stopping.WithinAsync("shutdown");

        Assert.Equal(1, probe.Log.CountOf("start early"));
    }
}
