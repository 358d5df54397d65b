using System.Collections.Concurrent;
using Actors.Tests;

namespace Actors.Supervision.Tests;

/// <summary>OTP's ignore, Akka's restart info, restart-count reset, and handles on nested supervisors.</summary>
public class SupervisionGapTests
{
    [Fact]
    public async Task StartAnsweringIgnore_KeepsTheSpec_RunsNothing_AndIsNotRestarted()
    {
        await using var t = new TestSystem();
        var enabled = false;
        var starts = 0;
        var worker = new ChildSpec<int>("w", (parent, options) =>
        {
            Interlocked.Increment(ref starts);
            return enabled ? parent.Spawn<int>((_, _) => ValueTask.CompletedTask, options) : null;
        });
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { Children = [worker] });

        var info = (await sup.WhichChildrenAsync().WithinAsync("which")).Single();
        Assert.Equal(("w", ChildStatus.Terminated, (ActorTask?)null), (info.Id, info.Status, info.Task));
        Assert.Equal(1, starts);
        Assert.False(sup.Ref(worker).TryTell(1));   // nothing runs: dead letter
        Assert.Equal(ChildOperationResult.Ignored, await sup.RestartChildAsync("w").WithinAsync("restart, still ignored"));
        Assert.Equal(ChildOperationResult.Ignored, await sup.StartChildAsync(new ChildSpec("dyn", (_, _) => null)).WithinAsync("dynamic ignore"));

        enabled = true;
        Assert.Equal(ChildOperationResult.Ok, await sup.RestartChildAsync("w").WithinAsync("restart, now started"));
        Assert.True(sup.Ref(worker).TryTell(2));
    }

    [Fact]
    public async Task RestartedInstance_LearnsTheFailureAndTheMessageThatCausedIt()
    {
        await using var t = new TestSystem();
        var starts = new ConcurrentQueue<ChildStartInfo>();
        var second = Signal.New();
        var worker = ChildSpec.Actor<int>("w", info =>
        {
            starts.Enqueue(info);
            if (starts.Count == 2) second.SetResult();
            return new Thrower();
        });
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { Children = [worker] });

        sup.Ref(worker).Tell(1);
        sup.Ref(worker).Tell(42);
        await second.Task.WithinAsync("the restart");

        var (first, restarted) = (starts.First(), starts.Last());
        Assert.Equal(ChildStartInfo.First, first);
        Assert.False(first.IsRestart);
        Assert.True(restarted.IsRestart);
        Assert.Equal(1, restarted.Restarts);
        Assert.Equal("42 is too many", Assert.IsType<ArgumentOutOfRangeException>(restarted.Failure).Message.Split(" (")[0]);
        Assert.Equal(42, restarted.FailedMessage);
    }

    private sealed class Thrower : IActor<int>
    {
        public ValueTask ReceiveAsync(ActorContext<int> context, int message) =>
            message > 10 ? throw new ArgumentOutOfRangeException(nameof(message), $"{message} is too many") : ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ResetRestartCount_PutsTheChildsCountBackToZero()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { MaxRestarts = 10, Children = [probe.Child("a")] });
        for (var i = 1; i <= 2; i++)
        {
            await probe.Log.WaitForAsync("start a", i);
            probe.Fail("a");
        }
        await probe.Log.WaitForAsync("start a", 3);
        Assert.Equal(2, (await sup.WhichChildrenAsync().WithinAsync("which")).Single().Restarts);

        Assert.Equal(ChildOperationResult.Ok, await sup.ResetRestartCountAsync("a").WithinAsync("reset"));
        Assert.Equal(ChildOperationResult.NotFound, await sup.ResetRestartCountAsync("nope").WithinAsync("reset unknown"));

        Assert.Equal(0, (await sup.WhichChildrenAsync().WithinAsync("which")).Single().Restarts);
        Assert.Equal(0, t.System.Snapshot().Tasks.Single(x => x.Path == "/sup/a").Restarts);
        probe.Fail("a");
        await probe.Log.WaitForAsync("start a", 4);
        Assert.Equal(1, (await sup.WhichChildrenAsync().WithinAsync("which")).Single().Restarts);
    }

    [Fact]
    public async Task NestedSupervisor_GivesAHandleThatAdministersItsChildren_AcrossItsOwnRestarts()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var leaf = ChildSpec.Handler<string>("leaf", () => (ctx, m) =>
        {
            probe.Log.Add($"leaf got {m}");
            return ValueTask.CompletedTask;
        });
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
        {
            Children = [ChildSpec.Supervisor("nested", new SupervisorOptions { MaxRestarts = 0, Children = [leaf] })],
        });

        var nested = sup.ChildSupervisor("nested");
        Assert.NotNull(nested);
        Assert.Null(sup.ChildSupervisor("leaf"));
        Assert.Null(sup.ChildSupervisor("nope"));
        Assert.Equal(["leaf"], (await nested.WhichChildrenAsync().WithinAsync("which")).Select(c => c.Id));
        Assert.Equal(ChildOperationResult.Ok, await nested.StartChildAsync(probe.Child("extra")).WithinAsync("start under the nested one"));
        await probe.Log.WaitForAsync("start extra");
        Assert.Equal("/sup/nested/extra", t.System.Find("/sup/nested/extra")?.Path);
        nested.Ref(leaf).Tell("hello");
        await probe.Log.WaitForAsync("leaf got hello");

        var first = nested.ActorTask;
        probe.Fail("extra");   // MaxRestarts = 0: the nested supervisor fails and its parent restarts it
        await TestWaits.UntilAsync(() => sup.Child("nested") is { } now && now != first, "the nested supervisor restarted");
        Assert.Equal(["leaf"], (await nested.WhichChildrenAsync().WithinAsync("which after")).Select(c => c.Id));
        nested.Ref(leaf).Tell("again");
        await probe.Log.WaitForAsync("leaf got again");
    }

    [Fact]
    public async Task RefLookups_ThrowOrReturnFalse_SayingWhatIsWrong()
    {
        await using var t = new TestSystem();
        var typed = ChildSpec.Handler<int>("typed", () => (_, _) => ValueTask.CompletedTask);
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
        {
            Children = [typed, ChildSpec.Process("untyped", ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation))],
        });

        Assert.Same(sup.Ref(typed), sup.Ref<int>("typed"));
        Assert.True(sup.TryGetRef<int>("typed", out var found));
        Assert.Same(sup.Ref(typed), found);
        Assert.Contains("receives Int32, not String", Assert.Throws<ArgumentException>(() => sup.Ref<string>("typed")).Message);
        Assert.Contains("no message type", Assert.Throws<ArgumentException>(() => sup.Ref<int>("untyped")).Message);
        Assert.Contains("'nope'", Assert.Throws<ArgumentException>(() => sup.Ref<int>("nope")).Message);
        Assert.False(sup.TryGetRef<string>("typed", out _));
        Assert.False(sup.TryGetRef<int>("untyped", out _));
        Assert.False(sup.TryGetRef<int>("nope", out _));

        Assert.Equal(ChildOperationResult.Ok, await sup.TerminateChildAsync("typed").WithinAsync("terminate"));
        Assert.Equal(ChildOperationResult.Ok, await sup.DeleteChildAsync("typed").WithinAsync("delete"));
        Assert.False(sup.TryGetRef<int>("typed", out _));
    }
}
