using Actors.Tests;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Supervision.Tests;

public class RestartIntensityTests
{
    [Fact]
    public async Task IntensityIsReachedExactlyAtNPlusOneRestartsWithinTheWindow()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { MaxRestarts = 3, Window = TimeSpan.FromSeconds(5), Children = [probe.Child("w")] });
        await probe.Log.WaitForAsync("start w");

        for (var i = 1; i <= 3; i++)
        {
            probe.Fail("w", new InvalidOperationException($"crash {i}"));
            await probe.Log.WaitForAsync("start w", i + 1);
        }
        Assert.Equal(ActorTaskState.Running, sup.ActorTask.State);

        probe.Fail("w", new InvalidOperationException("crash 4"));
        var error = await Assert.ThrowsAsync<RestartIntensityExceededException>(() => sup.ActorTask.Completion.WithinAsync("escalation"));
        Assert.Equal("crash 4", error.InnerException!.Message);
        Assert.Equal(ActorTaskState.Failed, sup.ActorTask.State);
        Assert.Equal(4, probe.Log.CountOf("stop w"));
    }

    [Fact]
    public async Task IntensityIsNotReachedWhenRestartsAreSpacedBeyondTheWindow()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { MaxRestarts = 1, Window = TimeSpan.FromSeconds(5), Children = [probe.Child("w")] });
        await probe.Log.WaitForAsync("start w");

        for (var i = 1; i <= 5; i++)
        {
            probe.Fail("w");
            await probe.Log.WaitForAsync("start w", i + 1);
            time.Advance(TimeSpan.FromSeconds(6));
        }
        Assert.Equal(ActorTaskState.Running, sup.ActorTask.State);
    }

    [Fact]
    public async Task AGroupRestartCountsOnce()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
        {
            Strategy = SupervisionStrategy.OneForAll,
            MaxRestarts = 1,
            Children = [probe.Child("a"), probe.Child("b"), probe.Child("c")],
        });
        await probe.Log.WaitForAsync("start c");

        probe.Fail("b");   // restarts three children: one restart
        await probe.Log.WaitForAsync("start c", 2);
        Assert.Equal(ActorTaskState.Running, sup.ActorTask.State);
    }

    [Fact]
    public async Task EscalationTravelsThroughTwoLevels()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var inner = new SupervisorOptions { MaxRestarts = 0, Children = [probe.Child("leaf")] };
        var middle = new SupervisorOptions { MaxRestarts = 0, Children = [ChildSpec.Supervisor("inner", inner)] };
        var top = Supervisor.Start(t.System, "top", new SupervisorOptions { MaxRestarts = 0, Children = [ChildSpec.Supervisor("middle", middle)] });
        await probe.Log.WaitForAsync("start leaf");

        probe.Fail("leaf", new ArithmeticException("root cause"));

        var error = await Assert.ThrowsAsync<RestartIntensityExceededException>(() => top.ActorTask.Completion.WithinAsync("top escalates"));
        Assert.IsType<RestartIntensityExceededException>(error.InnerException);   // middle gave up...
        Assert.IsType<RestartIntensityExceededException>(error.InnerException!.InnerException);   // ...because inner gave up...
        Assert.IsType<ArithmeticException>(error.InnerException.InnerException!.InnerException);   // ...because the leaf crashed
    }

    [Fact]
    public async Task DeciderEscalate_FailsTheSupervisorWithTheChildsOriginalException()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
        {
            Decider = ex => ex is ArithmeticException ? SupervisorDirective.Escalate : SupervisorDirective.Restart,
            Children = [probe.Child("a"), probe.Child("b")],
        });
        await probe.Log.WaitForAsync("start b");

        probe.Fail("a", new ArithmeticException("bad math"));

        var error = await Assert.ThrowsAsync<ArithmeticException>(() => sup.ActorTask.Completion.WithinAsync("escalation"));
        Assert.Equal("bad math", error.Message);
        Assert.Equal(1, probe.Log.CountOf("stop b"));   // siblings were stopped first
    }

    [Fact]
    public async Task DeciderStop_LeavesTheChildTerminated()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
        {
            Decider = _ => SupervisorDirective.Stop,
            Children = [probe.Child("a")],
        });
        await probe.Log.WaitForAsync("start a");
        var first = sup.Child("a")!;   // in the tree before its body runs
        probe.Fail("a");
        // "stop a" is logged inside the body, before the exit reaches the supervisor. The instance is
        // final only after its parent was told; a round trip through the supervisor's loop then answers
        // once the exit has been handled.
        await first.WhenFinishedAsync().WithinAsync("a's instance finished");
        var which = await sup.WhichChildrenAsync().WithinAsync("which");
        Assert.Equal(ChildStatus.Terminated, which.Single().Status);
        Assert.Equal(1, probe.Log.CountOf("start a"));
    }
}
