using Actors.Tests;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Supervision.Tests;

public class SupervisorShutdownTests
{
    [Fact]
    public async Task ShutdownTimeout_AbandonsAStuckChild_AndStopsTheRest()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
        {
            Children = [probe.Child("a"), probe.Child("stuck", shutdown: TimeSpan.FromSeconds(2), ignoreStop: true), probe.Child("c")],
        });
        await probe.Log.WaitForAsync("start c");
        var stuck = sup.Child("stuck")!;

        var stopping = sup.ActorTask.StopAsync();
        await probe.Log.WaitForAsync("stop c");
        await TestWaits.UntilAsync(() => { time.Advance(TimeSpan.FromMilliseconds(500)); return stuck.IsFinished; }, "stuck child abandoned");
        await stopping.WithinAsync("supervisor stopped");

        Assert.Equal(ActorTaskState.Stopped, stuck.State);
        Assert.Equal(0, probe.Log.CountOf("stop stuck"));   // its body never ended: it was abandoned, not waited for
        Assert.Equal(1, probe.Log.CountOf("stop a"));
        Assert.Contains(t.Logs, l => l.Message.Contains("did not stop within") && l.Level == LogLevel.Warning);
        probe.Complete("stuck");
    }

    [Fact]
    public async Task AnySignificant_EndsTheSupervisorWhenASignificantChildEnds()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
        {
            AutoShutdown = AutoShutdown.AnySignificant,
            Children = [probe.Child("main", RestartPolicy.OnFailure, significant: true), probe.Child("helper")],
        });
        await probe.Log.WaitForAsync("start helper");

        probe.Complete("main");

        await sup.ActorTask.Completion.WithinAsync("supervisor completes");
        Assert.Equal(ActorTaskState.Completed, sup.ActorTask.State);
        Assert.Equal(1, probe.Log.CountOf("stop helper"));
    }

    [Fact]
    public async Task AllSignificant_WaitsForEverySignificantChild()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
        {
            AutoShutdown = AutoShutdown.AllSignificant,
            Children = [probe.Child("x", RestartPolicy.Never, significant: true), probe.Child("y", RestartPolicy.Never, significant: true)],
        });
        await probe.Log.WaitForAsync("start y");

        probe.Complete("x");
        await probe.Log.WaitForAsync("stop x");
        _ = await sup.CountChildrenAsync().WithinAsync("round trip");
        Assert.False(sup.ActorTask.IsFinished);

        probe.Complete("y");
        await sup.ActorTask.Completion.WithinAsync("supervisor completes");
    }
}
