using System.Collections.Concurrent;

namespace Actors.Tests;

public class DeferStopTests
{
    [Fact]
    public async Task Stop_InsideDeferStopScope_IsAppliedOnlyWhenTheScopeExits()
    {
        await using var t = new TestSystem();
        var inScope = Signal.New();
        var proceed = Signal.New();
        bool? cancelledInScope = null, stoppingInScope = null, stoppingAfterScope = null;
        var workAfterStopRequest = false;
        var task = t.System.Run(async ctx =>
        {
            using (ctx.DeferStop())
            {
                inScope.SetResult();
                await proceed.Task;
                await Task.Yield();
                cancelledInScope = ctx.Cancellation.IsCancellationRequested;
                stoppingInScope = ctx.IsStopping;
                workAfterStopRequest = true;
            }
            stoppingAfterScope = ctx.IsStopping;
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        });
        await inScope.Task.WithinAsync("scope entered");

        var cause = new StopCause("deferred");
        var stop = task.StopAsync(cause);
        Assert.False(stop.IsCompleted);
        Assert.False(task.IsStopping);
        Assert.Equal(ActorTaskState.Running, task.State);

        proceed.SetResult();
        await stop.WithinAsync("stop after the scope");

        Assert.True(workAfterStopRequest);
        Assert.False(cancelledInScope);
        Assert.False(stoppingInScope);
        Assert.True(stoppingAfterScope);
        Assert.Equal(ActorTaskState.Stopped, task.State);
        var ex = await Assert.ThrowsAsync<ActorStoppedException>(() => task.Completion.WithinAsync("outcome"));
        Assert.Same(cause, ex.Cause);
    }

    [Fact]
    public async Task SecondStop_InsideDeferStopScope_IsAppliedAtOnce()
    {
        await using var t = new TestSystem();
        var inScope = Signal.New();
        var cancelledInScope = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            using (ctx.DeferStop())
            {
                inScope.SetResult();
                try { await Task.Delay(Timeout.Infinite, ctx.Cancellation); }
                catch (OperationCanceledException)
                {
                    cancelledInScope.SetResult();
                    throw;
                }
            }
        });
        await inScope.Task.WithinAsync("scope entered");

        var first = task.StopAsync(new StopCause("first"));
        Assert.False(task.IsStopping);
        Assert.False(first.IsCompleted);

        var second = task.StopAsync(new StopCause("second"));
        await cancelledInScope.Task.WithinAsync("cancellation inside the scope");
        await Task.WhenAll(first, second).WithinAsync("both stops");

        Assert.Equal(ActorTaskState.Stopped, task.State);
        Assert.NotNull(task.StopCause);
    }

    [Fact]
    public async Task NestedDeferStopScopes_ActAsOne_StopAppliedWhenTheOuterExits()
    {
        await using var t = new TestSystem();
        var inInner = Signal.New();
        var proceedInner = Signal.New();
        var afterInner = Signal.New();
        var proceedOuter = Signal.New();
        bool? stoppingAfterInner = null, cancelledAfterInner = null, stoppingAfterOuter = null;
        var task = t.System.Run(async ctx =>
        {
            using (ctx.DeferStop())
            {
                using (ctx.DeferStop())
                {
                    inInner.SetResult();
                    await proceedInner.Task;
                }
                stoppingAfterInner = ctx.IsStopping;
                cancelledAfterInner = ctx.Cancellation.IsCancellationRequested;
                afterInner.SetResult();
                await proceedOuter.Task;
            }
            stoppingAfterOuter = ctx.IsStopping;
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        });
        await inInner.Task.WithinAsync("inner scope entered");

        var stop = task.StopAsync();
        proceedInner.SetResult();
        await afterInner.Task.WithinAsync("inner scope exited");
        Assert.False(stop.IsCompleted);
        Assert.False(task.IsStopping);

        proceedOuter.SetResult();
        await stop.WithinAsync("stop after the outer scope");

        Assert.False(stoppingAfterInner);
        Assert.False(cancelledAfterInner);
        Assert.True(stoppingAfterOuter);
        Assert.Equal(ActorTaskState.Stopped, task.State);
    }

    [Fact]
    public async Task DeferStopScope_OpenedAfterTheStopWasApplied_HasNoEffect()
    {
        await using var t = new TestSystem();
        var started = Signal.New();
        bool? cancelledInLateScope = null;
        var task = t.System.Run(async ctx =>
        {
            try
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, ctx.Cancellation);
            }
            finally
            {
                using (ctx.DeferStop())
                {
                    await Task.Yield();
                    cancelledInLateScope = ctx.Cancellation.IsCancellationRequested && ctx.IsStopping;
                }
            }
        });
        await started.Task.WithinAsync("started");

        await task.StopAsync().WithinAsync("stop");

        Assert.True(cancelledInLateScope);
        Assert.Equal(ActorTaskState.Stopped, task.State);
    }

    [Fact]
    public async Task DeferStopScope_WithoutAStop_ChangesNothing()
    {
        await using var t = new TestSystem();
        var task = t.System.Run(async ctx =>
        {
            using (ctx.DeferStop()) await Task.Yield();
            using (ctx.DeferStop()) { }
            return ctx.IsStopping;
        });

        Assert.False(await task.Completion.WithinAsync("result"));
        Assert.Equal(ActorTaskState.Completed, task.State);
    }

    [Fact]
    public async Task HandlerActor_UsingDeferStopAcrossAnAwait_FinishesTheInFlightMessage()
    {
        await using var t = new TestSystem();
        var handling = Signal.New();
        var proceed = Signal.New();
        var finished = new ConcurrentQueue<int>();
        bool? cancelledWhileHandling = null;
        var actor = t.System.Spawn<int>(async (ctx, m) =>
        {
            using (ctx.DeferStop())
            {
                if (m == 1) handling.SetResult();
                await proceed.Task;
                await Task.Yield();
                cancelledWhileHandling = ctx.Cancellation.IsCancellationRequested;
                finished.Enqueue(m);
            }
        });

        actor.Tell(1);
        await handling.Task.WithinAsync("message 1 in flight");
        actor.Tell(2);

        var stop = actor.ActorTask.StopAsync();
        Assert.False(stop.IsCompleted);
        Assert.False(actor.ActorTask.IsStopping);

        proceed.SetResult();
        await stop.WithinAsync("stop");

        Assert.Equal([1], finished);
        Assert.False(cancelledWhileHandling);
        Assert.Equal(ActorTaskState.Stopped, actor.ActorTask.State);
        Assert.Equal(1, t.System.DeadLetters.Count);   // message 2 was queued behind the stop
    }
}
