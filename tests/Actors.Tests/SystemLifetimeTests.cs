using System.Collections.Concurrent;

namespace Actors.Tests;

public class SystemLifetimeTests
{
    private static Task BlockUntilStopped(ActorContext ctx) => Task.Delay(Timeout.Infinite, ctx.Cancellation);

    [Fact]
    public async Task Completion_WithNoTasks_IsCompletedAtOnce()
    {
        await using var t = new TestSystem();
        Assert.True(t.System.Completion.IsCompleted);
    }

    [Fact]
    public async Task Completion_CompletesWhenEveryNonTransientTaskIsDone()
    {
        await using var t = new TestSystem();
        var releaseA = Signal.New();
        var releaseChild = Signal.New();
        var childStarted = Signal.New();
        var a = t.System.Run(async ctx =>
        {
            _ = ctx.Run(async c =>
            {
                childStarted.SetResult();
                await releaseChild.Task.WaitAsync(c.Cancellation);
            });
            await releaseA.Task.WaitAsync(ctx.Cancellation);
        });
        var handled = Signal.New();
        var b = t.System.Spawn<int>((ctx, m) => { handled.SetResult(); return ValueTask.CompletedTask; });
        await childStarted.Task.WithinAsync("child started");

        var completion = t.System.Completion;
        Assert.False(completion.IsCompleted);

        b.Tell(1);
        await handled.Task.WithinAsync("message handled");
        b.Complete();
        await b.ActorTask.Completion.WithinAsync("handler actor completion");
        Assert.False(completion.IsCompleted);

        releaseA.SetResult();
        await a.Completion.WithinAsync("process completion");
        Assert.False(completion.IsCompleted);   // its child still runs

        releaseChild.SetResult();
        await completion.WithinAsync("system completion");
        Assert.Empty(t.System.Root.Children);
        Assert.True(t.System.Completion.IsCompleted);
    }

    [Fact]
    public async Task Completion_CompletesAfterAFailedTask_Too()
    {
        await using var t = new TestSystem();
        var release = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            await release.Task.WaitAsync(ctx.Cancellation);
            throw new TimeZoneNotFoundException("x");
        });
        var completion = t.System.Completion;
        release.SetResult();
        await completion.WithinAsync("system completion");
        Assert.Equal(ActorTaskState.Failed, task.State);
    }

    [Fact]
    public async Task StopAsync_StopsEveryTask_TopLevelInReverseStartOrder()
    {
        await using var t = new TestSystem();
        var order = new ConcurrentQueue<string>();
        var started = new ConcurrentQueue<string>();
        var allStarted = Signal.New();
        var tasks = new List<ActorTask>();

        Func<ActorContext, Task> Body(string name, int children) => async ctx =>
        {
            for (var i = 0; i < children; i++) _ = ctx.Run(Body(name + ".c" + i, 0));
            try
            {
                started.Enqueue(name);
                if (started.Count == 5) allStarted.TrySetResult();
                await BlockUntilStopped(ctx);
            }
            finally
            {
                await Task.Yield();
                order.Enqueue(name);
            }
        };

        tasks.Add(t.System.Run(Body("a", 1)));
        tasks.Add(t.System.Run(Body("b", 0), new SpawnOptions { Lifetime = ActorLifetime.Transient }));
        tasks.Add(t.System.Run(Body("c", 1)));
        await allStarted.Task.WithinAsync("all bodies started");

        await t.System.StopAsync(TestSystem.Bound).WithinAsync("system stop");

        Assert.Equal(["c.c0", "c", "b", "a.c0", "a"], order);
        Assert.All(tasks, task => Assert.Equal(ActorTaskState.Stopped, task.State));
        Assert.Empty(t.System.Root.Children);
        Assert.True(t.System.Completion.IsCompleted);
        Assert.DoesNotContain(t.Logs, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task StopAsync_GivesEveryTaskTheSameSystemCause()
    {
        await using var t = new TestSystem();
        var causes = new ConcurrentBag<StopCause?>();
        var started = new CountdownEvent(2);
        _ = t.System.Run(async ctx =>
        {
            _ = ctx.Run(async c =>
            {
                try { started.Signal(); await BlockUntilStopped(c); }
                finally { causes.Add(c.StopCause); }
            });
            try { started.Signal(); await BlockUntilStopped(ctx); }
            finally { causes.Add(ctx.StopCause); }
        });
        await TestWaits.UntilAsync(() => started.IsSet, "both started");

        await t.System.StopAsync(TestSystem.Bound).WithinAsync("system stop");

        Assert.Equal(2, causes.Count);
        var first = causes.First();
        Assert.NotNull(first);
        Assert.All(causes, c => Assert.Same(first, c));
    }

    [Fact]
    public async Task StopAsync_AbandonsABodyThatIgnoresCancellation_AfterTheGracePeriod()
    {
        await using var t = new TestSystem();
        var never = Signal.New();
        var started = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            started.SetResult();
            await never.Task;   // ignores the stop
        }, new SpawnOptions { Name = "stubborn" });
        var path = task.Path;
        await started.Task.WithinAsync("started");

        await t.System.StopAsync(TimeSpan.FromMilliseconds(50)).WithinAsync("system stop with a short grace period");

        Assert.Equal(ActorTaskState.Stopped, task.State);
        Assert.True(task.IsStopping);
        var warning = Assert.Single(t.Logs, e => e.Level == LogLevel.Warning && e.Message.Contains("Abandoned"));
        Assert.Equal(path, warning.Path);
        await Assert.ThrowsAsync<ActorStoppedException>(() => task.Completion.WithinAsync("outcome"));
        Assert.True(t.System.Completion.IsCompleted);

        never.SetResult();   // let the abandoned body end
    }

    [Fact]
    public async Task StopAsync_CalledASecondTime_AbandonsAtOnce()
    {
        await using var t = new TestSystem();
        var slow = new SlowCleanup();   // its cleanup never ends unless released
        var (inFinally, never) = (slow.InFinally, slow.Release);
        var task = t.System.Run(slow.Body, new SpawnOptions { Name = "stuck" });
        await slow.Started.Task.WithinAsync("started");

        var first = t.System.StopAsync(Timeout.InfiniteTimeSpan);
        await inFinally.Task.WithinAsync("cleanup begun");
        Assert.False(first.IsCompleted);

        var second = t.System.StopAsync(Timeout.InfiniteTimeSpan);
        await second.WithinAsync("second stop");
        await first.WithinAsync("first stop");

        Assert.Equal(ActorTaskState.Stopped, task.State);
        Assert.Contains(t.Logs, e => e.Level == LogLevel.Warning && e.Path == "/stuck" && e.Message.Contains("Abandoned"));
        never.SetResult();
    }

    [Fact]
    public async Task StopAsync_WhenItsTokenIsCancelled_AbandonsAtOnce()
    {
        await using var t = new TestSystem();
        var never = Signal.New();
        var started = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            started.SetResult();
            await never.Task;
        });
        await started.Task.WithinAsync("started");

        using var cts = new CancellationTokenSource();
        var stop = t.System.StopAsync(Timeout.InfiniteTimeSpan, cts.Token);
        Assert.False(task.IsFinished);
        await cts.CancelAsync();
        await stop.WithinAsync("system stop");

        Assert.Equal(ActorTaskState.Stopped, task.State);
        Assert.Contains(t.Logs, e => e.Level == LogLevel.Warning && e.Message.Contains("Abandoned"));
        never.SetResult();
    }

    [Fact]
    public async Task StopAsync_WithBodiesThatHonourTheStop_AbandonsNothing()
    {
        await using var t = new TestSystem();
        var started = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            started.SetResult();
            await BlockUntilStopped(ctx);
        });
        await started.Task.WithinAsync("started");

        await t.System.StopAsync(Timeout.InfiniteTimeSpan).WithinAsync("system stop");

        Assert.Equal(ActorTaskState.Stopped, task.State);
        Assert.DoesNotContain(t.Logs, e => e.Message.Contains("Abandoned"));
    }

    [Fact]
    public async Task Spawn_AfterSystemStop_ThrowsInvalidOperation()
    {
        await using var t = new TestSystem();
        await t.System.StopAsync().WithinAsync("system stop");

        Assert.Throws<InvalidOperationException>(() => t.System.Run(ctx => Task.CompletedTask));
        Assert.Throws<InvalidOperationException>(() => t.System.Run(ctx => Task.FromResult(1)));
        Assert.Throws<InvalidOperationException>(() => t.System.Spawn<int>((ctx, m) => ValueTask.CompletedTask));
        Assert.Throws<InvalidOperationException>(() => t.System.RunWithMailbox<int>(ctx => Task.CompletedTask));
    }

    [Fact]
    public async Task Spawn_WhileSystemIsStopping_ThrowsInvalidOperation()
    {
        await using var t = new TestSystem();
        var started = Signal.New();
        var inFinally = Signal.New();
        var release = Signal.New();
        _ = t.System.Run(async ctx =>
        {
            try
            {
                started.SetResult();
                await BlockUntilStopped(ctx);
            }
            finally
            {
                inFinally.SetResult();
                await release.Task;
            }
        });
        await started.Task.WithinAsync("started");

        var stop = t.System.StopAsync();
        await inFinally.Task.WithinAsync("stopping");
        Assert.Throws<InvalidOperationException>(() => t.System.Run(ctx => Task.CompletedTask));
        release.SetResult();
        await stop.WithinAsync("system stop");
    }

    [Fact]
    public async Task StopAsync_DoesNotCompleteWhileATransientTaskThatMovedToTheTopIsStillRunning()
    {
        await using var t = new TestSystem();
        var transientTask = Signal.New<ActorTask>();
        var transientStarted = Signal.New();
        var gate = Signal.New();
        var parent = t.System.Run(async ctx =>
        {
            transientTask.SetResult(ctx.Run(async c =>
            {
                try
                {
                    transientStarted.SetResult();
                    await BlockUntilStopped(c);
                }
                finally
                {
                    await gate.Task;   // cleanup that ends only once the test has looked
                }
            }, new SpawnOptions { Lifetime = ActorLifetime.Transient, Name = "t" }));
            await BlockUntilStopped(ctx);
        }, new SpawnOptions { Name = "parent" });
        var transient = await transientTask.Task.WithinAsync("transient spawned");
        await transientStarted.Task.WithinAsync("transient started");

        // The grace period only bounds the test: a correct kernel abandons the transient task once it
        // runs out, so at the moment StopAsync completes the task is final either way.
        var stop = t.System.StopAsync(TimeSpan.FromMilliseconds(200));
        var finalWhenStopCompleted = stop.ContinueWith(
            _ =>
            {
                var final = transient.IsFinished;
                gate.TrySetResult();
                return final;
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        Assert.True(await finalWhenStopCompleted.WithinAsync("system stop"), "StopAsync completed while a task was neither final nor abandoned");
        Assert.Equal(ActorTaskState.Stopped, parent.State);
        await transient.WhenFinishedAsync().WithinAsync("transient finished");
        Assert.Equal(ActorTaskState.Stopped, transient.State);
    }

    [Fact]
    public async Task StopAsync_StopsATransientTaskThatMovedToTheTopDuringTheStop()
    {
        await using var t = new TestSystem();
        var transientTask = Signal.New<ActorTask>();
        var transientStarted = Signal.New();
        var parent = t.System.Run(async ctx =>
        {
            transientTask.SetResult(ctx.Run(async c =>
            {
                transientStarted.SetResult();
                await BlockUntilStopped(c);
            }, new SpawnOptions { Lifetime = ActorLifetime.Transient, Name = "t" }));
            await BlockUntilStopped(ctx);
        }, new SpawnOptions { Name = "parent" });
        var transient = await transientTask.Task.WithinAsync("transient spawned");
        await transientStarted.Task.WithinAsync("transient started");

        await t.System.StopAsync(TestSystem.Bound).WithinAsync("system stop");

        await transient.WhenFinishedAsync().WithinAsync("transient finished");
        Assert.Equal(ActorTaskState.Stopped, transient.State);
        Assert.Equal(ActorTaskState.Stopped, parent.State);
        await t.System.Completion.WithinAsync("system completion");
    }
}
