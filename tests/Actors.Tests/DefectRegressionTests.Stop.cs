namespace Actors.Tests;

public sealed partial class DefectRegressionTests
{
    [Fact]
    public async Task Item04_SystemStopReturnsNearTheGraceWhenAnOnStopHookNeverCompletes()
    {
        await using var t = new TestSystem();
        var never = Signal.New();
        var hookRan = Signal.New();
        var task = t.System.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation), new SpawnOptions
        {
            Name = "stuck",
            OnStop = _ => { hookRan.TrySetResult(); return never.Task; },
        });

        await Promptly(t.System.StopAsync(TimeSpan.FromMilliseconds(200)), "the system stop to return after its grace");

        Assert.True(hookRan.Task.IsCompleted);
        Assert.Equal(ActorTaskState.Stopped, task.State);
        Assert.Contains(t.Logs, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Path == "/stuck" && e.Message.Contains("Abandoned"));
    }

    [Fact]
    public async Task Item04_ASecondSystemStopForcesAStopStuckInAnOnStopHook()
    {
        await using var t = new TestSystem();
        var hookRan = Signal.New();
        _ = t.System.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation), new SpawnOptions
        {
            OnStop = _ => { hookRan.TrySetResult(); return Signal.New().Task; },
        });
        var first = t.System.StopAsync(Timeout.InfiniteTimeSpan);
        await hookRan.Task.WithinAsync("the hook to run");

        await Promptly(t.System.StopAsync(), "the forced stop");
        await Promptly(first, "the first stop");
    }

    [Fact]
    public async Task Item05_AChildSpawnedInCleanupDuringAStopIsStoppedBeforeTheStopCompletes()
    {
        await using var t = new TestSystem();
        var started = Signal.New();
        var spawned = Signal.New<ActorTask>();
        var parent = t.System.Run(async ctx =>
        {
            try
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, ctx.Cancellation);
            }
            catch (OperationCanceledException)
            {
                spawned.SetResult(ctx.Run(c => Task.Delay(Timeout.Infinite, c.Cancellation)));
            }
        });
        await started.Task.WithinAsync("the parent to run");

        await parent.StopAsync().WithinAsync("the parent to stop");

        var child = await spawned.Task.WithinAsync("the cleanup to spawn");
        Assert.True(child.IsFinished, $"the child spawned during cleanup is {child.State}");
        Assert.Equal(ActorTaskState.Stopped, child.State);
        Assert.Equal(ActorTaskState.Completed, parent.State);
    }

    [Fact]
    public async Task Item06_ATaskStoppingItselfFromItsOwnOnStopDoesNotDeadlock()
    {
        await using var t = new TestSystem();
        var self = Signal.New<ActorTask>();
        var task = t.System.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation), new SpawnOptions
        {
            OnStop = async _ => await (await self.Task).StopAsync(),
        });
        self.SetResult(task);

        await Promptly(task.StopAsync(), "the stop");
        Assert.Equal(ActorTaskState.Stopped, task.State);
    }

    [Fact]
    public async Task Item06_AwaitingItsOwnFinishInsideItsBodyIsRefused()
    {
        await using var t = new TestSystem();
        var task = t.System.Run(async ctx => { await ctx.Self.WhenFinishedAsync(); });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Promptly(task.Completion, "the body to be refused"));
        Assert.Contains("its own", error.Message);
    }

    [Fact]
    public async Task Item06_AGroupMemberAwaitingItsOwnGroupIsRefused()
    {
        await using var t = new TestSystem();
        var group = new TaskGroup(t.System.Root);
        var ready = Signal.New();
        var member = group.Run(async ctx =>
        {
            await ready.Task;
            await group.WaitAllAsync();
        });
        ready.SetResult();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Promptly(group.WaitAllAsync(), "the group"));
        Assert.Contains("its own group", error.Message);
        Assert.Equal(ActorTaskState.Failed, member.State);
    }

    [Fact]
    public async Task Item18_ABodyFirstReadingItsTokenDuringAStopSeesItOnlyAfterItsChildrenStopped()
    {
        await using var t = new TestSystem();
        var child = new SlowCleanup();
        var gate = Signal.New();
        var seenDuringChildStop = Signal.New<bool>();
        var parent = t.System.Run(async ctx =>
        {
            _ = ctx.Run(child.Body);
            await gate.Task;
            seenDuringChildStop.SetResult(ctx.Cancellation.IsCancellationRequested);
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        });
        await child.Started.Task.WithinAsync("the child to run");

        var stop = parent.StopAsync();
        await child.InFinally.Task.WithinAsync("the child to be stopped");
        gate.SetResult();
        Assert.False(await seenDuringChildStop.Task.WithinAsync("the body to read its token"), "the token was cancelled while a child was still stopping");

        child.Release.SetResult();
        await stop.WithinAsync("the stop");
        Assert.Equal(ActorTaskState.Stopped, parent.State);
    }

    [Fact]
    public async Task Item18_ALoopThatFirstWaitsForMailDuringAStopStillHandlesTheShutdownRequestItsHookSends()
    {
        await using var t = new TestSystem();
        var loopGate = Signal.New();
        var hookGate = Signal.New();
        var (loop, started) = SelfStoppingLoop(t.System, loopGate.Task, hookGate.Task);
        await started.Task.WithinAsync("the loop to start");

        var stop = loop.ActorTask.StopAsync();   // the hook will post a shutdown request and wait for the loop to handle it
        Assert.True(loop.ActorTask.IsStopping);
        loopGate.SetResult();               // the loop first reads its token now, during the stop, with nothing queued
        // Give the loop a moment to reach its wait (not needed for correctness: a later wait still passes).
        await Task.WhenAny(loop.ActorTask.WhenFinishedAsync(), Task.Delay(200));
        hookGate.SetResult();

        await Promptly(stop, "the loop to handle its shutdown request");
        Assert.Equal(ActorTaskState.Stopped, loop.ActorTask.State);
    }

    [Fact]
    public async Task Item18_ALoopThatHandlesItsOwnShutdownRequestStopsInEveryRound()
    {
        for (var round = 0; round < 300; round++)
        {
            await using var t = new TestSystem();
            var (loop, started) = SelfStoppingLoop(t.System, Task.CompletedTask, Task.CompletedTask);
            await started.Task.WithinAsync("the loop to start");
            await Promptly(loop.ActorTask.StopAsync(), $"round {round}: the stop");
        }
    }

    /// <summary>A process loop whose OnStop hook asks the loop itself to shut down, as a supervisor's does.</summary>
    private static (IActorRef<TaskCompletionSource> Loop, TaskCompletionSource Started) SelfStoppingLoop(ActorSystem system, Task loopGate, Task hookGate)
    {
        var started = Signal.New();
        var self = new System.Runtime.CompilerServices.StrongBox<IActorRef<TaskCompletionSource>>();
        var loop = system.RunWithMailbox<TaskCompletionSource>(async ctx =>
        {
            started.SetResult();
            await Task.Yield();
            await loopGate;
            while (true) (await ctx.ReceiveAsync()).TrySetResult();
        }, new SpawnOptions
        {
            Start = StartMode.Manual,
            OnStop = async _ =>
            {
                if (!started.Task.IsCompleted) return;   // the loop never ran: nothing to hand over
                await Task.Yield();
                await hookGate;
                var done = Signal.New();
                self.Value!.Tell(done);
                await done.Task;
            },
        });
        self.Value = loop;
        loop.ActorTask.Start();
        return (loop, started);
    }

    [Fact]
    public async Task Also_TheAbandonedWarningDoesNotBlameABodyInsideADeferredSection()
    {
        await using var t = new TestSystem();
        var inScope = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            using (ctx.DeferStop())
            {
                inScope.SetResult();
                await Signal.New().Task;   // an in-flight response that outlives the grace
            }
        }, new SpawnOptions { Name = "deferring" });
        await inScope.Task.WithinAsync("the deferred section");

        await Promptly(t.System.StopAsync(TimeSpan.FromMilliseconds(100)), "the system stop");

        Assert.Equal(ActorTaskState.Stopped, task.State);
        Assert.DoesNotContain(t.Logs, e => e.Path == "/deferring" && e.Message.Contains("ignored the stop"));
        Assert.Contains(t.Logs, e => e.Path == "/deferring" && e.Message.Contains("DeferStop"));
    }
}
