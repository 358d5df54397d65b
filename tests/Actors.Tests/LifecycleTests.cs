using System.Runtime.CompilerServices;

namespace Actors.Tests;

public class LifecycleTests
{
    private sealed class BodyFailedException(string message) : Exception(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task ThrowFromDeepInsideAsync()
    {
        await Task.Yield();
        throw new BodyFailedException("boom");
    }

    [Fact]
    public async Task State_WithManualStart_IsInitializedUntilStartThenRunningThenCompleted()
    {
        await using var t = new TestSystem();
        var running = Signal.New();
        var release = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            running.SetResult();
            await release.Task.WaitAsync(ctx.Cancellation);
            return 7;
        }, new SpawnOptions { Start = StartMode.Manual });

        Assert.Equal(ActorTaskState.Initialized, task.State);
        Assert.False(task.IsFinished);
        Assert.False(running.Task.IsCompleted);

        task.Start();
        await running.Task.WithinAsync("body started");
        Assert.Equal(ActorTaskState.Running, task.State);

        release.SetResult();
        Assert.Equal(7, await task.Completion.WithinAsync("result"));
        Assert.Equal(ActorTaskState.Completed, task.State);
        Assert.True(task.IsFinished);
    }

    [Fact]
    public async Task Start_CalledTwice_RunsTheBodyOnce()
    {
        await using var t = new TestSystem();
        var runs = 0;
        var task = t.System.Run(async ctx => { await Task.Yield(); return Interlocked.Increment(ref runs); },
            new SpawnOptions { Start = StartMode.Manual });
        task.Start();
        task.Start();
        Assert.Equal(1, await task.Completion.WithinAsync("result"));
        task.Start();
        Assert.Equal(1, Volatile.Read(ref runs));
    }

    [Fact]
    public async Task State_OfHandlerActor_IsRunningFromSpawn()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<int>((ctx, m) => ValueTask.CompletedTask);
        Assert.Equal(ActorTaskState.Running, actor.ActorTask.State);
    }

    [Fact]
    public async Task State_OfManualHandlerActor_IsInitializedAndQueuesMessagesUntilStart()
    {
        await using var t = new TestSystem();
        var seen = new List<int>();
        var done = Signal.New();
        var actor = t.System.Spawn<int>((ctx, m) =>
        {
            seen.Add(m);
            if (m == 3) done.SetResult();
            return ValueTask.CompletedTask;
        }, new SpawnOptions { Start = StartMode.Manual });

        actor.Tell(1);
        actor.Tell(2);
        actor.Tell(3);
        Assert.Equal(ActorTaskState.Initialized, actor.ActorTask.State);
        Assert.Empty(seen);

        actor.ActorTask.Start();
        await done.Task.WithinAsync("queued messages handled after start");
        Assert.Equal([1, 2, 3], seen);
        Assert.Equal(ActorTaskState.Running, actor.ActorTask.State);
    }

    [Fact]
    public async Task Await_WhenBodyReturns_GivesTheResult()
    {
        await using var t = new TestSystem();
        var task = t.System.Run(async ctx => { await Task.Yield(); return "hello"; });
        Assert.Equal("hello", await task.Completion.WithinAsync("result"));
        Assert.Equal("hello", await task.Completion);
        Assert.Equal(ActorTaskState.Completed, task.State);
        Assert.Null(task.Failure);
    }

    [Fact]
    public async Task Await_WhenBodyFails_RethrowsTheOriginalExceptionWithItsStackTrace()
    {
        await using var t = new TestSystem();
        var task = t.System.Run(async ctx =>
        {
            await ThrowFromDeepInsideAsync();
            return 1;
        });

        var ex = await Assert.ThrowsAsync<BodyFailedException>(() => task.Completion.WithinAsync("failure"));
        Assert.Equal("boom", ex.Message);
        Assert.Contains(nameof(ThrowFromDeepInsideAsync), ex.StackTrace);
        Assert.Equal(ActorTaskState.Failed, task.State);
        Assert.Same(ex, task.Failure);

        // Awaiting again (now that it is final) gives the same original exception.
        var again = await Assert.ThrowsAsync<BodyFailedException>(async () => await task.Completion);
        Assert.Same(ex, again);
    }

    [Fact]
    public async Task Await_WhenNonGenericBodyFails_RethrowsTheOriginalExceptionType()
    {
        await using var t = new TestSystem();
        ActorTask task = t.System.Run(async ctx => await ThrowFromDeepInsideAsync());
        var ex = await Assert.ThrowsAsync<BodyFailedException>(() => task.Completion.WithinAsync("failure"));
        Assert.Contains(nameof(ThrowFromDeepInsideAsync), ex.StackTrace);
        Assert.Equal(ActorTaskState.Failed, task.State);
    }

    [Fact]
    public async Task Await_WhenStopped_ThrowsActorStoppedExceptionCarryingTheCause()
    {
        await using var t = new TestSystem();
        var started = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
            return 1;
        });
        await started.Task.WithinAsync("body started");

        var cause = new StopCause("test says stop");
        await task.StopAsync(cause).WithinAsync("stop");

        var ex = await Assert.ThrowsAsync<ActorStoppedException>(() => task.Completion.WithinAsync("outcome"));
        Assert.Same(cause, ex.Cause);
        Assert.Equal(task.Path, ex.Path);
        Assert.IsAssignableFrom<OperationCanceledException>(ex);
        Assert.Equal(ActorTaskState.Stopped, task.State);
        Assert.Same(cause, task.StopCause);
        Assert.Null(task.Failure);
    }

    [Fact]
    public async Task WhenFinishedAsync_OfFailedTask_CompletesWithoutThrowing()
    {
        await using var t = new TestSystem();
        var task = t.System.Run(async ctx => await ThrowFromDeepInsideAsync());
        await task.WhenFinishedAsync().WithinAsync("finish");
        Assert.Equal(ActorTaskState.Failed, task.State);
    }

    [Fact]
    public async Task UnobservedFailure_IsLoggedOnceAtErrorWithThePath()
    {
        await using var t = new TestSystem();
        var release = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            await release.Task.WaitAsync(ctx.Cancellation);
            await ThrowFromDeepInsideAsync();
        }, new SpawnOptions { Name = "doomed" });
        var path = task.Path;

        // Read while the task runs: completes only after the task's exit was reported.
        var idle = t.System.Completion;
        release.SetResult();
        await idle.WithinAsync("system idle after the failure");

        var errors = t.Logs.Where(e => e.Level == LogLevel.Error).ToList();
        var entry = Assert.Single(errors);
        Assert.Equal("/doomed", path);
        Assert.Equal(path, entry.Path);
        Assert.IsType<BodyFailedException>(entry.Exception);

        await t.System.StopAsync().WithinAsync("system stop");
        Assert.Single(t.Logs, e => e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task ObservedFailure_AwaitedBeforeItFails_IsNotLogged()
    {
        await using var t = new TestSystem();
        var release = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            await release.Task.WaitAsync(ctx.Cancellation);
            await ThrowFromDeepInsideAsync();
        });

        var outcome = task.Completion;   // observed before it fails
        var idle = t.System.Completion;
        release.SetResult();
        await Assert.ThrowsAsync<BodyFailedException>(() => outcome.WithinAsync("failure"));
        await idle.WithinAsync("system idle after the failure");

        Assert.DoesNotContain(t.Logs, e => e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task Spawn_OnFinishedTask_ThrowsInvalidOperationSayingItFinished()
    {
        await using var t = new TestSystem();
        var task = t.System.Run(async ctx => await Task.Yield());
        await task.Completion.WithinAsync("completion");
        Assert.Equal(ActorTaskState.Completed, task.State);

        var run = Assert.Throws<InvalidOperationException>(() => task.Run(ctx => Task.CompletedTask));
        Assert.Contains("finished", run.Message);
        var spawn = Assert.Throws<InvalidOperationException>(() => task.Spawn<int>((ctx, m) => ValueTask.CompletedTask));
        Assert.Contains("finished", spawn.Message);
    }

    [Fact]
    public async Task Spawn_OnFinishedContext_ThrowsInvalidOperation()
    {
        await using var t = new TestSystem();
        var context = Signal.New<ActorContext>();
        var task = t.System.Run(async ctx => { await Task.Yield(); context.SetResult(ctx); });
        await task.Completion.WithinAsync("completion");
        var ctx = await context.Task.WithinAsync("context");

        var ex = Assert.Throws<InvalidOperationException>(() => ctx.Run(c => Task.CompletedTask));
        Assert.Contains("finished", ex.Message);
    }

    [Fact]
    public async Task Await_OwnTaskFromInsideItsBody_ThrowsInvalidOperation()
    {
        await using var t = new TestSystem();
        var task = t.System.Run<Exception?>(async ctx =>
        {
            await Task.Yield();
            try
            {
                await ctx.Self.Completion;
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        });

        var caught = await task.Completion.WithinAsync("body result");
        Assert.IsType<InvalidOperationException>(caught);
        Assert.Equal(ActorTaskState.Completed, task.State);
    }

    [Fact]
    public async Task Await_OwnTypedTaskFromInsideItsBody_ThrowsInvalidOperation()
    {
        await using var t = new TestSystem();
        var task = t.System.Run<Exception?>(async ctx =>
        {
            await Task.Yield();
            try
            {
                _ = await ((ActorTask<Exception?>)ctx.Self).Completion;
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        });

        Assert.IsType<InvalidOperationException>(await task.Completion.WithinAsync("body result"));
    }

    [Fact]
    public async Task HandlerActor_WhenMailboxCompleted_DrainsQueuedMessagesThenCompletes()
    {
        await using var t = new TestSystem();
        var seen = new List<int>();
        var handlingFirst = Signal.New();
        var gate = Signal.New();
        var actor = t.System.Spawn<int>(async (ctx, m) =>
        {
            if (m == 0)
            {
                handlingFirst.SetResult();
                await gate.Task;
            }
            seen.Add(m);
        });

        actor.Tell(0);
        await handlingFirst.Task.WithinAsync("first message in flight");
        for (var i = 1; i <= 5; i++) actor.Tell(i);
        actor.Complete();
        Assert.False(actor.ActorTask.IsFinished);

        gate.SetResult();
        await actor.ActorTask.Completion.WithinAsync("completion");
        Assert.Equal(ActorTaskState.Completed, actor.ActorTask.State);
        Assert.Equal([0, 1, 2, 3, 4, 5], seen);
        Assert.Equal(0, t.System.DeadLetters.Count);

        actor.Tell(99);
        Assert.Equal(1, t.System.DeadLetters.Count);
    }

    [Fact]
    public async Task HandlerActor_WhenIdleMailboxCompleted_Completes()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<int>((ctx, m) => ValueTask.CompletedTask);
        actor.Complete();
        await actor.ActorTask.Completion.WithinAsync("completion");
        Assert.Equal(ActorTaskState.Completed, actor.ActorTask.State);
    }

    [Fact]
    public async Task HandlerActor_WhenHandlerThrows_FailsAndLaterMessagesGoToDeadLetters()
    {
        await using var t = new TestSystem();
        var handled = new List<string>();
        var actor = t.System.Spawn<string>((ctx, m) =>
        {
            if (m == "boom") throw new BodyFailedException("handler failed");
            handled.Add(m);
            return ValueTask.CompletedTask;
        }, new SpawnOptions { Start = StartMode.Manual });

        actor.Tell("before");
        actor.Tell("boom");
        actor.Tell("queued-1");
        actor.Tell("queued-2");
        actor.ActorTask.Start();

        var ex = await Assert.ThrowsAsync<BodyFailedException>(() => actor.ActorTask.Completion.WithinAsync("failure"));
        Assert.Equal("handler failed", ex.Message);
        Assert.Equal(ActorTaskState.Failed, actor.ActorTask.State);
        Assert.Equal(["before"], handled);
        Assert.Equal(2, t.System.DeadLetters.Count);

        actor.Tell("after");
        Assert.False(actor.TryTell("after-2"));
        Assert.Equal(4, t.System.DeadLetters.Count);
        Assert.Equal(["before"], handled);
    }

    [Fact]
    public async Task HandlerActor_WhenAsyncHandlerThrows_FailsWithTheOriginalException()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<int>(async (ctx, m) => await ThrowFromDeepInsideAsync());
        actor.Tell(1);
        var ex = await Assert.ThrowsAsync<BodyFailedException>(() => actor.ActorTask.Completion.WithinAsync("failure"));
        Assert.Contains(nameof(ThrowFromDeepInsideAsync), ex.StackTrace);
        Assert.Equal(ActorTaskState.Failed, actor.ActorTask.State);
    }

    [Fact]
    public async Task HandlerActor_ReadingItsOwnCompletionInsideTheHandler_ThrowsInvalidOperation()
    {
        await using var t = new TestSystem();
        var caught = Signal.New<Exception?>();
        var actor = t.System.Spawn<int>((ctx, m) =>
        {
            try
            {
                _ = ctx.Self.Completion;
                caught.SetResult(null);
            }
            catch (Exception ex)
            {
                caught.SetResult(ex);
            }
            return ValueTask.CompletedTask;
        });
        actor.Tell(1);
        Assert.IsType<InvalidOperationException>(await caught.Task.WithinAsync("handler ran"));
    }

    [Fact]
    public async Task HandlerActor_ReadingItsOwnCompletionAfterAnAwaitInsideTheHandler_ThrowsInvalidOperation()
    {
        await using var t = new TestSystem();
        var caught = Signal.New<Exception?>();
        var actor = t.System.Spawn<int>(async (ctx, m) =>
        {
            await Task.Yield();
            try
            {
                _ = ctx.Self.Completion;
                caught.SetResult(null);
            }
            catch (Exception ex)
            {
                caught.SetResult(ex);
            }
        });
        actor.Tell(1);
        Assert.IsType<InvalidOperationException>(await caught.Task.WithinAsync("handler ran"));
    }

    [Fact]
    public async Task HandlerActor_WithManualStart_CompletedBeforeStart_CompletesOnStart()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<int>((ctx, m) => ValueTask.CompletedTask, new SpawnOptions { Start = StartMode.Manual });
        actor.Complete();
        Assert.Equal(ActorTaskState.Initialized, actor.ActorTask.State);

        actor.ActorTask.Start();
        await actor.ActorTask.Completion.WithinAsync("completion");
        Assert.Equal(ActorTaskState.Completed, actor.ActorTask.State);
    }

    [Fact]
    public async Task HandlerActor_WithManualStart_WithQueuedMessagesCompletedBeforeStart_DrainsThemAndCompletes()
    {
        await using var t = new TestSystem();
        var seen = new List<int>();
        var actor = t.System.Spawn<int>((ctx, m) => { seen.Add(m); return ValueTask.CompletedTask; },
            new SpawnOptions { Start = StartMode.Manual });
        actor.Tell(1);
        actor.Tell(2);
        actor.Complete();

        actor.ActorTask.Start();
        await actor.ActorTask.Completion.WithinAsync("completion");
        Assert.Equal([1, 2], seen);
        Assert.Equal(ActorTaskState.Completed, actor.ActorTask.State);
    }

    [Fact]
    public async Task UnobservedHandlerFailure_IsLoggedOnceAtErrorWithThePath()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<int>((ctx, m) => throw new BodyFailedException("handler failed"),
            new SpawnOptions { Name = "failing" });
        var idle = t.System.Completion;   // read while the actor runs
        actor.Tell(1);
        await idle.WithinAsync("system idle after the failure");

        var entry = Assert.Single(t.Logs, e => e.Level == LogLevel.Error);
        Assert.Equal("/failing", entry.Path);
        Assert.IsType<BodyFailedException>(entry.Exception);
        Assert.Equal(ActorTaskState.Failed, actor.ActorTask.State);
    }

    [Fact]
    public async Task UnobservedFailureOfAParentWithChildren_IsLoggedOnce()
    {
        await using var t = new TestSystem();
        var childStarted = Signal.New();
        var release = Signal.New();
        var parent = t.System.Run(async ctx =>
        {
            _ = ctx.Run(async c =>
            {
                childStarted.SetResult();
                await Task.Delay(Timeout.Infinite, c.Cancellation);
            });
            await release.Task.WaitAsync(ctx.Cancellation);
            throw new BodyFailedException("parent failed");
        }, new SpawnOptions { Name = "parent" });
        await childStarted.Task.WithinAsync("child started");

        var idle = t.System.Completion;
        release.SetResult();
        await idle.WithinAsync("system idle after the failure");

        var entry = Assert.Single(t.Logs, e => e.Level == LogLevel.Error);
        Assert.Equal("/parent", entry.Path);
        Assert.Equal(ActorTaskState.Failed, parent.State);
    }
}
