namespace Actors.Tests;

public class TransientTests
{
    private static readonly SpawnOptions Transient = new() { Lifetime = ActorLifetime.Transient };

    private static SpawnOptions TransientNamed(string name) => new() { Name = name, Lifetime = ActorLifetime.Transient };

    private static Task BlockUntilStopped(ActorContext ctx) => Task.Delay(Timeout.Infinite, ctx.Cancellation);

    [Fact]
    public async Task TransientTask_DoesNotKeepTheSystemAlive_AndIsStoppedWithItsFinallyRun()
    {
        await using var t = new TestSystem();
        var transientStarted = Signal.New();
        var finallyRan = false;
        var release = Signal.New();
        var normal = t.System.Run(ctx => release.Task.WaitAsync(ctx.Cancellation));
        var transient = t.System.Run(async ctx =>
        {
            try
            {
                transientStarted.SetResult();
                await BlockUntilStopped(ctx);
            }
            finally
            {
                await Task.Yield();
                finallyRan = true;
            }
        }, Transient);
        await transientStarted.Task.WithinAsync("transient started");

        var completion = t.System.Completion;
        Assert.False(completion.IsCompleted);

        release.SetResult();
        await completion.WithinAsync("system completion");

        Assert.Equal(ActorTaskState.Completed, normal.State);
        Assert.Equal(ActorTaskState.Stopped, transient.State);
        Assert.True(finallyRan);
        Assert.Empty(t.System.Root.Children);
    }

    [Fact]
    public async Task SystemCompletion_WithOnlyTransientTasks_StopsThemAndCompletes()
    {
        await using var t = new TestSystem();
        var started = Signal.New();
        var transient = t.System.Run(async ctx =>
        {
            started.SetResult();
            await BlockUntilStopped(ctx);
        }, Transient);
        await started.Task.WithinAsync("transient started");

        await t.System.Completion.WithinAsync("system completion");

        Assert.Equal(ActorTaskState.Stopped, transient.State);
    }

    [Fact]
    public async Task TransientChild_WhenItsParentCompletes_MovesToTheGrandparent()
    {
        await using var t = new TestSystem();
        var parentTask = Signal.New<ActorTask>();
        var childTask = Signal.New<ActorTask>();
        var childStarted = Signal.New();
        var finishParent = Signal.New();
        var grandparent = t.System.Run(async ctx =>
        {
            parentTask.SetResult(ctx.Run(async p =>
            {
                childTask.SetResult(p.Run(async c =>
                {
                    childStarted.SetResult();
                    await BlockUntilStopped(c);
                }, TransientNamed("t")));
                await finishParent.Task;
            }, new SpawnOptions { Name = "p" }));
            await BlockUntilStopped(ctx);
        }, new SpawnOptions { Name = "gp" });

        var parent = await parentTask.Task.WithinAsync("parent spawned");
        var child = await childTask.Task.WithinAsync("child spawned");
        await childStarted.Task.WithinAsync("child started");
        Assert.Equal("/gp/p/t", child.Path);
        Assert.Same(parent, child.Parent);

        finishParent.SetResult();
        await parent.Completion.WithinAsync("parent completion");

        Assert.Equal(ActorTaskState.Completed, parent.State);
        Assert.Equal(ActorTaskState.Running, child.State);
        Assert.False(child.IsStopping);
        Assert.Same(grandparent, child.Parent);
        Assert.Equal("/gp/t", child.Path);
        Assert.Same(child, t.System.Find("/gp/t"));
        Assert.Null(t.System.Find("/gp/p"));
        Assert.Null(t.System.Find("/gp/p/t"));
        Assert.Contains(child, grandparent.Children);
    }

    [Fact]
    public async Task TransientChild_WhenItsParentIsStopped_IsNotStoppedButMovesUp()
    {
        await using var t = new TestSystem();
        var keeperStarted = Signal.New();
        var keeper = t.System.Run(async ctx =>
        {
            keeperStarted.SetResult();
            await BlockUntilStopped(ctx);
        }, new SpawnOptions { Name = "keeper" });
        var childTask = Signal.New<ActorTask>();
        var childStarted = Signal.New();
        var normalChildTask = Signal.New<ActorTask>();
        var parent = t.System.Run(async ctx =>
        {
            childTask.SetResult(ctx.Run(async c =>
            {
                childStarted.SetResult();
                await BlockUntilStopped(c);
            }, TransientNamed("t")));
            normalChildTask.SetResult(ctx.Run(BlockUntilStopped, new SpawnOptions { Name = "n" }));
            await BlockUntilStopped(ctx);
        }, new SpawnOptions { Name = "parent" });

        await keeperStarted.Task.WithinAsync("keeper started");
        var child = await childTask.Task.WithinAsync("transient child spawned");
        var normalChild = await normalChildTask.Task.WithinAsync("normal child spawned");
        await childStarted.Task.WithinAsync("transient child started");
        Assert.Equal("/parent/t", child.Path);

        await parent.StopAsync().WithinAsync("parent stop");

        Assert.Equal(ActorTaskState.Stopped, parent.State);
        Assert.Equal(ActorTaskState.Stopped, normalChild.State);
        Assert.Equal(ActorTaskState.Running, child.State);
        Assert.False(child.IsStopping);
        Assert.Null(child.StopCause);
        Assert.Same(t.System.Root, child.Parent);
        Assert.Equal("/t", child.Path);
        Assert.Same(child, t.System.Find("/t"));
        Assert.Null(t.System.Find("/parent"));
        Assert.Equal(ActorTaskState.Running, keeper.State);

        // Once the last normal task ends, the system stops the transient one.
        await keeper.StopAsync().WithinAsync("keeper stop");
        await t.System.Completion.WithinAsync("system completion");
        Assert.Equal(ActorTaskState.Stopped, child.State);
    }

    [Fact]
    public async Task TransientTask_StoppedBecauseOnlyTransientsRemain_FinishesItsAsyncCleanupBeforeSystemCompletion()
    {
        await using var t = new TestSystem();
        var release = Signal.New();
        var slow = new SlowCleanup();
        var (inCleanup, cleanupGate) = (slow.InFinally, slow.Release);
        _ = t.System.Run(ctx => release.Task.WaitAsync(ctx.Cancellation));
        var transient = t.System.Run(slow.Body, Transient);
        await slow.Started.Task.WithinAsync("transient started");

        var completion = t.System.Completion;
        release.SetResult();
        await inCleanup.Task.WithinAsync("transient cleanup begun");
        Assert.False(completion.IsCompleted);
        Assert.True(transient.IsStopping);
        Assert.False(transient.IsFinished);

        cleanupGate.SetResult();
        await completion.WithinAsync("system completion");

        Assert.True(slow.CleanupDone);
        Assert.Equal(ActorTaskState.Stopped, transient.State);
    }

    [Fact]
    public async Task WaitForChildren_SkipsTransientChildren()
    {
        await using var t = new TestSystem();
        var transientTask = Signal.New<ActorTask>();
        var transientStarted = Signal.New();
        var releaseNormal = Signal.New();
        var waited = Signal.New();
        var finishParent = Signal.New();
        var parent = t.System.Run(async ctx =>
        {
            transientTask.SetResult(ctx.Run(async c =>
            {
                transientStarted.SetResult();
                await BlockUntilStopped(c);
            }, Transient));
            _ = ctx.Run(c => releaseNormal.Task.WaitAsync(c.Cancellation));
            await transientStarted.Task;
            await ctx.WaitForChildrenAsync(ctx.Cancellation);
            waited.SetResult();
            await finishParent.Task.WaitAsync(ctx.Cancellation);
        });

        var transient = await transientTask.Task.WithinAsync("transient spawned");
        await transientStarted.Task.WithinAsync("transient started");
        Assert.False(waited.Task.IsCompleted);

        releaseNormal.SetResult();
        await waited.Task.WithinAsync("WaitForChildrenAsync returned");
        Assert.Equal(ActorTaskState.Running, transient.State);
        Assert.False(transient.IsStopping);

        finishParent.SetResult();
        await parent.Completion.WithinAsync("parent completion");
    }

    [Fact]
    public async Task TransientChild_DoesNotKeepItsParentInTheTree()
    {
        await using var t = new TestSystem();
        var childTask = Signal.New<ActorTask>();
        var childStarted = Signal.New();
        var keeper = t.System.Run(BlockUntilStopped);
        var parent = t.System.Run(async ctx =>
        {
            childTask.SetResult(ctx.Run(async c =>
            {
                childStarted.SetResult();
                await BlockUntilStopped(c);
            }, Transient));
            await childStarted.Task;
        }, new SpawnOptions { Name = "parent" });

        var child = await childTask.Task.WithinAsync("child spawned");
        await parent.Completion.WithinAsync("parent completion");

        Assert.Null(t.System.Find("/parent"));
        Assert.Same(t.System.Root, child.Parent);
        Assert.Equal(ActorTaskState.Running, child.State);
        Assert.False(keeper.IsFinished);
    }

    [Fact]
    public async Task TransientChild_WhenItsParentFails_MovesUpAndKeepsRunning()
    {
        await using var t = new TestSystem();
        var keeper = t.System.Run(BlockUntilStopped, new SpawnOptions { Name = "keeper" });
        var childTask = Signal.New<ActorTask>();
        var childStarted = Signal.New();
        var parent = t.System.Run(async ctx =>
        {
            childTask.SetResult(ctx.Run(async c =>
            {
                childStarted.SetResult();
                await BlockUntilStopped(c);
            }, TransientNamed("t")));
            await childStarted.Task;
            throw new TimeZoneNotFoundException("parent failed");
        }, new SpawnOptions { Name = "parent" });

        var child = await childTask.Task.WithinAsync("child spawned");
        await Assert.ThrowsAsync<TimeZoneNotFoundException>(() => parent.Completion.WithinAsync("parent outcome"));

        Assert.Equal(ActorTaskState.Running, child.State);
        Assert.False(child.IsStopping);
        Assert.Same(t.System.Root, child.Parent);
        Assert.Equal("/t", child.Path);
        Assert.False(keeper.IsFinished);
    }

    [Fact]
    public async Task TransientChild_OfACompletedParentWaitingOnANormalChild_MovesUpWhenTheParentLeaves()
    {
        await using var t = new TestSystem();
        var keeper = t.System.Run(BlockUntilStopped, new SpawnOptions { Name = "keeper" });
        var transientTask = Signal.New<ActorTask>();
        var normalTask = Signal.New<ActorTask>();
        var started = new CountdownEvent(2);
        var releaseNormal = Signal.New();
        var parent = t.System.Run(async ctx =>
        {
            transientTask.SetResult(ctx.Run(async c =>
            {
                started.Signal();
                await BlockUntilStopped(c);
            }, TransientNamed("t")));
            normalTask.SetResult(ctx.Run(async c =>
            {
                started.Signal();
                await releaseNormal.Task.WaitAsync(c.Cancellation);
            }, new SpawnOptions { Name = "n" }));
            await Task.Yield();
        }, new SpawnOptions { Name = "parent" });

        var transient = await transientTask.Task.WithinAsync("transient spawned");
        var normal = await normalTask.Task.WithinAsync("normal spawned");
        await TestWaits.UntilAsync(() => started.IsSet, "children started");
        await parent.Completion.WithinAsync("parent completion");

        Assert.Same(parent, t.System.Find("/parent"));
        Assert.Same(parent, transient.Parent);
        Assert.Equal("/parent/t", transient.Path);

        releaseNormal.SetResult();
        await normal.Completion.WithinAsync("normal child completion");

        Assert.Null(t.System.Find("/parent"));
        Assert.Same(t.System.Root, transient.Parent);
        Assert.Equal("/t", transient.Path);
        Assert.Equal(ActorTaskState.Running, transient.State);
        Assert.False(keeper.IsFinished);
    }
}
