using System.Collections.Concurrent;

namespace Actors.Tests;

public class StopTests
{
    private static Task BlockUntilStopped(ActorContext ctx) => Task.Delay(Timeout.Infinite, ctx.Cancellation);

    [Fact]
    public async Task Stop_WhenParentStops_StopsChildrenInReverseStartOrderWaitingForEachFinally()
    {
        await using var t = new TestSystem();
        var order = new ConcurrentQueue<string>();
        var started = Enumerable.Range(0, 3).Select(_ => Signal.New()).ToArray();
        var parentStarted = Signal.New();
        var parent = t.System.Run(async ctx =>
        {
            for (var i = 0; i < 3; i++)
            {
                var name = "c" + i;
                var ready = started[i];
                _ = ctx.Run(async c =>
                {
                    try
                    {
                        ready.SetResult();
                        await BlockUntilStopped(c);
                    }
                    finally
                    {
                        order.Enqueue(name + ":begin");
                        await Task.Yield();
                        await Task.Run(() => { });
                        order.Enqueue(name + ":end");
                    }
                }, new SpawnOptions { Name = name });
            }
            try
            {
                parentStarted.SetResult();
                await BlockUntilStopped(ctx);
            }
            finally
            {
                order.Enqueue("parent:begin");
                await Task.Yield();
                order.Enqueue("parent:end");
            }
        }, new SpawnOptions { Name = "parent" });

        await Task.WhenAll(started.Select(s => s.Task)).WithinAsync("children started");
        await parentStarted.Task.WithinAsync("parent started");
        await parent.StopAsync().WithinAsync("stop");

        Assert.Equal(
            ["c2:begin", "c2:end", "c1:begin", "c1:end", "c0:begin", "c0:end", "parent:begin", "parent:end"],
            order);
        Assert.Equal(ActorTaskState.Stopped, parent.State);
        Assert.Null(t.System.Find("/parent"));
    }

    [Fact]
    public async Task StopAsync_CompletesOnlyWhenTheTaskIsFinal()
    {
        await using var t = new TestSystem();
        var slow = new SlowCleanup();
        var (inFinally, release) = (slow.InFinally, slow.Release);
        var task = t.System.Run(slow.Body);
        await slow.Started.Task.WithinAsync("started");

        var stop = task.StopAsync();
        await inFinally.Task.WithinAsync("finally entered");
        Assert.False(stop.IsCompleted);
        Assert.False(task.IsFinished);
        Assert.True(task.IsStopping);

        release.SetResult();
        await stop.WithinAsync("stop");
        Assert.Equal(ActorTaskState.Stopped, task.State);
    }

    [Fact]
    public async Task Stop_BeforeStart_EndsStoppedWithoutRunningTheBody()
    {
        await using var t = new TestSystem();
        var ran = false;
        var task = t.System.Run(ctx => { ran = true; return Task.CompletedTask; },
            new SpawnOptions { Start = StartMode.Manual });
        Assert.Equal(ActorTaskState.Initialized, task.State);

        var cause = new StopCause("never mind");
        await task.StopAsync(cause).WithinAsync("stop");
        Assert.Equal(ActorTaskState.Stopped, task.State);

        task.Start();   // no effect once stopped
        var ex = await Assert.ThrowsAsync<ActorStoppedException>(() => task.Completion.WithinAsync("outcome"));
        Assert.Same(cause, ex.Cause);
        Assert.False(ran);
        Assert.Equal(ActorTaskState.Stopped, task.State);
    }

    [Fact]
    public async Task Stop_OfManualHandlerActorBeforeStart_EndsStoppedAndDeadLettersQueuedMessages()
    {
        await using var t = new TestSystem();
        var handled = 0;
        var actor = t.System.Spawn<int>((ctx, m) => { handled++; return ValueTask.CompletedTask; },
            new SpawnOptions { Start = StartMode.Manual });
        actor.Tell(1);
        actor.Tell(2);

        await actor.ActorTask.StopAsync().WithinAsync("stop");
        actor.ActorTask.Start();

        Assert.Equal(ActorTaskState.Stopped, actor.ActorTask.State);
        Assert.Equal(0, handled);
        Assert.Equal(2, t.System.DeadLetters.Count);
    }

    [Fact]
    public async Task Stop_OfCompletedTask_LeavesItCompleted()
    {
        await using var t = new TestSystem();
        var task = t.System.Run(async ctx => { await Task.Yield(); return 5; });
        Assert.Equal(5, await task.Completion.WithinAsync("result"));

        await task.StopAsync(new StopCause("too late")).WithinAsync("stop");

        Assert.Equal(ActorTaskState.Completed, task.State);
        Assert.False(task.IsStopping);
        Assert.Null(task.StopCause);
        Assert.Equal(5, await task.Completion.WithinAsync("result again"));
    }

    [Fact]
    public async Task Stop_OfFailedTask_LeavesItFailedAndDoesNotThrow()
    {
        await using var t = new TestSystem();
        var task = t.System.Run(async ctx => { await Task.Yield(); throw new TimeZoneNotFoundException("x"); });
        await Assert.ThrowsAsync<TimeZoneNotFoundException>(() => task.Completion.WithinAsync("failure"));

        await task.StopAsync().WithinAsync("stop");

        Assert.Equal(ActorTaskState.Failed, task.State);
        Assert.IsType<TimeZoneNotFoundException>(task.Failure);
    }

    [Fact]
    public async Task StopAsync_WhenTheBodyFailsDuringCleanup_DoesNotThrowTheFailure()
    {
        await using var t = new TestSystem();
        var started = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            try
            {
                started.SetResult();
                await BlockUntilStopped(ctx);
            }
            finally
            {
                await Task.Yield();
                throw new TimeZoneNotFoundException("cleanup failed");
            }
        });
        var outcome = task.Completion;
        await started.Task.WithinAsync("started");

        await task.StopAsync().WithinAsync("stop");   // must not throw

        Assert.Equal(ActorTaskState.Failed, task.State);
        await Assert.ThrowsAsync<TimeZoneNotFoundException>(() => outcome.WithinAsync("outcome"));
    }

    [Fact]
    public async Task Stop_WhenBodyReturnsNormallyAfterTheStop_EndsCompleted()
    {
        await using var t = new TestSystem();
        var started = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            started.SetResult();
            try { await BlockUntilStopped(ctx); }
            catch (OperationCanceledException) { }
            return 11;
        });
        await started.Task.WithinAsync("started");

        await task.StopAsync().WithinAsync("stop");

        Assert.Equal(ActorTaskState.Completed, task.State);
        Assert.Equal(11, await task.Completion.WithinAsync("result"));
    }

    [Fact]
    public async Task Stop_OfAncestor_GivesEveryStoppedDescendantTheSameCauseInstance()
    {
        await using var t = new TestSystem();
        var seen = new ConcurrentDictionary<string, StopCause?>();
        var childTask = Signal.New<ActorTask>();
        var grandchildTask = Signal.New<ActorTask>();
        var grandchildStarted = Signal.New();

        async Task Body(ActorContext ctx, string name, Func<ActorContext, Task>? spawn)
        {
            try
            {
                if (spawn is not null) await spawn(ctx);
                await BlockUntilStopped(ctx);
            }
            finally
            {
                seen[name] = ctx.StopCause;
            }
        }

        var top = t.System.Run(ctx => Body(ctx, "top", c =>
        {
            childTask.SetResult(c.Run(cc => Body(cc, "child", g =>
            {
                grandchildTask.SetResult(g.Run(gg => Body(gg, "grandchild", x => { grandchildStarted.SetResult(); return Task.CompletedTask; })));
                return Task.CompletedTask;
            })));
            return Task.CompletedTask;
        }));

        var child = await childTask.Task.WithinAsync("child spawned");
        var grandchild = await grandchildTask.Task.WithinAsync("grandchild spawned");
        await grandchildStarted.Task.WithinAsync("grandchild started");

        var cause = new StopCause("shutting the branch", "/test");
        await top.StopAsync(cause).WithinAsync("stop");

        Assert.Equal(3, seen.Count);
        Assert.All(seen.Values, c => Assert.Same(cause, c));
        foreach (var task in new[] { top, child, grandchild })
        {
            Assert.Equal(ActorTaskState.Stopped, task.State);
            Assert.Same(cause, task.StopCause);
            var ex = await Assert.ThrowsAsync<ActorStoppedException>(() => task.Completion.WithinAsync("outcome"));
            Assert.Same(cause, ex.Cause);
        }
    }

    [Fact]
    public async Task Stop_CalledByTheTaskItselfWithCtxStop_StopsIt()
    {
        await using var t = new TestSystem();
        var cause = new StopCause("I am done");
        var sawCancellation = false;
        var task = t.System.Run(async ctx =>
        {
            await Task.Yield();
            ctx.Stop(cause);
            try { await BlockUntilStopped(ctx); }
            finally { sawCancellation = ctx.Cancellation.IsCancellationRequested && ctx.IsStopping; }
        });

        var ex = await Assert.ThrowsAsync<ActorStoppedException>(() => task.Completion.WithinAsync("outcome"));
        Assert.Same(cause, ex.Cause);
        Assert.True(sawCancellation);
        Assert.Equal(ActorTaskState.Stopped, task.State);
    }

    [Fact]
    public async Task Stop_OfHandlerActorByItself_StopsItAndDeadLettersQueuedMessages()
    {
        await using var t = new TestSystem();
        var handled = new ConcurrentQueue<int>();
        var actor = t.System.Spawn<int>((ctx, m) =>
        {
            handled.Enqueue(m);
            if (m == 2) ctx.Stop();
            return ValueTask.CompletedTask;
        }, new SpawnOptions { Start = StartMode.Manual });
        for (var i = 1; i <= 4; i++) actor.Tell(i);
        actor.ActorTask.Start();

        await actor.ActorTask.WhenFinishedAsync().WithinAsync("finish");
        Assert.Equal(ActorTaskState.Stopped, actor.ActorTask.State);
        Assert.Equal([1, 2], handled);
        Assert.Equal(2, t.System.DeadLetters.Count);
    }

    [Fact]
    public async Task StopAsync_OfParentCalledFromInsideChild_ReturnsAtOnceAndStopsBoth()
    {
        await using var t = new TestSystem();
        var childTask = Signal.New<ActorTask>();
        var stopReturned = Signal.New();
        var parent = t.System.Run(async ctx =>
        {
            var me = ctx.Self;
            childTask.SetResult(ctx.Run(async c =>
            {
                await Task.Yield();
                await me.StopAsync();   // would deadlock if it waited: the child is part of the subtree
                stopReturned.SetResult();
                await BlockUntilStopped(c);
            }));
            await BlockUntilStopped(ctx);
        });

        var child = await childTask.Task.WithinAsync("child spawned");
        await stopReturned.Task.WithinAsync("StopAsync returned inside the child");
        await parent.WhenFinishedAsync().WithinAsync("parent finished");

        Assert.Equal(ActorTaskState.Stopped, parent.State);
        Assert.Equal(ActorTaskState.Stopped, child.State);
    }

    [Fact]
    public async Task StopAsync_OfItselfAwaitedInsideTheBody_ReturnsAtOnce()
    {
        await using var t = new TestSystem();
        var returned = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            await Task.Yield();
            await ctx.Self.StopAsync();
            returned.SetResult();
            await BlockUntilStopped(ctx);
        });

        await returned.Task.WithinAsync("StopAsync returned");
        await task.WhenFinishedAsync().WithinAsync("finish");
        Assert.Equal(ActorTaskState.Stopped, task.State);
    }

    [Fact]
    public async Task Stop_ArrivingDuringAnAwaitingFinally_DoesNotCutTheFinallyShort()
    {
        await using var t = new TestSystem();
        var slow = new SlowCleanup();
        var (inFinally, release) = (slow.InFinally, slow.Release);
        var task = t.System.Run(slow.Body);
        await slow.Started.Task.WithinAsync("started");

        var first = new StopCause("first");
        var firstStop = task.StopAsync(first);
        await inFinally.Task.WithinAsync("finally entered");

        var secondStop = task.StopAsync(new StopCause("second"));
        Assert.False(secondStop.IsCompleted);
        Assert.False(firstStop.IsCompleted);
        Assert.False(task.IsFinished);

        release.SetResult();
        await secondStop.WithinAsync("second stop");
        await firstStop.WithinAsync("first stop");

        Assert.True(slow.CleanupDone);
        Assert.Equal(ActorTaskState.Stopped, task.State);
        Assert.Same(first, task.StopCause);
    }

    [Fact]
    public async Task Stop_WhenParentBodyFails_StopsItsRunningChildrenBeforeTheParentIsFinal()
    {
        await using var t = new TestSystem();
        var childTask = Signal.New<ActorTask>();
        var childStarted = Signal.New();
        var childFinallyRan = false;
        var parent = t.System.Run(async ctx =>
        {
            childTask.SetResult(ctx.Run(async c =>
            {
                try
                {
                    childStarted.SetResult();
                    await BlockUntilStopped(c);
                }
                finally
                {
                    await Task.Yield();
                    childFinallyRan = true;
                }
            }));
            await childStarted.Task;
            throw new TimeZoneNotFoundException("parent failed");
        });

        var child = await childTask.Task.WithinAsync("child spawned");
        await Assert.ThrowsAsync<TimeZoneNotFoundException>(() => parent.Completion.WithinAsync("parent outcome"));

        Assert.Equal(ActorTaskState.Failed, parent.State);
        Assert.Equal(ActorTaskState.Stopped, child.State);
        Assert.True(childFinallyRan);
        await Assert.ThrowsAsync<ActorStoppedException>(() => child.Completion.WithinAsync("child outcome"));
    }

    [Fact]
    public async Task Stop_WhenParentBodyCompletes_LeavesChildrenRunningAndTheParentInTheTree()
    {
        await using var t = new TestSystem();
        var childTask = Signal.New<ActorTask>();
        var childStarted = Signal.New();
        var releaseChild = Signal.New();
        var parent = t.System.Run(async ctx =>
        {
            childTask.SetResult(ctx.Run(async c =>
            {
                childStarted.SetResult();
                await releaseChild.Task.WaitAsync(c.Cancellation);
            }, new SpawnOptions { Name = "child" }));
            await childStarted.Task;
            return "parent done";
        }, new SpawnOptions { Name = "parent" });

        var child = await childTask.Task.WithinAsync("child spawned");
        Assert.Equal("parent done", await parent.Completion.WithinAsync("parent result"));

        Assert.Equal(ActorTaskState.Completed, parent.State);
        Assert.Equal(ActorTaskState.Running, child.State);
        Assert.False(child.IsStopping);
        Assert.Same(parent, t.System.Find("/parent"));
        Assert.Same(child, t.System.Find("/parent/child"));
        Assert.Equal("/parent/child", child.Path);

        releaseChild.SetResult();
        await child.Completion.WithinAsync("child completion");
        Assert.Equal(ActorTaskState.Completed, child.State);
        Assert.Null(t.System.Find("/parent"));
        Assert.Null(t.System.Find("/parent/child"));
        await t.System.Completion.WithinAsync("system idle");
    }

    [Fact]
    public async Task Stop_OfCompletedParent_StopsItsRemainingChildrenAndLeavesItCompleted()
    {
        await using var t = new TestSystem();
        var childTask = Signal.New<ActorTask>();
        var childStarted = Signal.New();
        var parent = t.System.Run(async ctx =>
        {
            childTask.SetResult(ctx.Run(async c =>
            {
                childStarted.SetResult();
                await BlockUntilStopped(c);
            }));
            await childStarted.Task;
        }, new SpawnOptions { Name = "parent" });

        var child = await childTask.Task.WithinAsync("child spawned");
        await parent.Completion.WithinAsync("parent completion");
        Assert.Equal(ActorTaskState.Running, child.State);

        var cause = new StopCause("clean up the leftovers");
        await parent.StopAsync(cause).WithinAsync("stop");

        await child.WhenFinishedAsync().WithinAsync("child finished");
        Assert.Equal(ActorTaskState.Stopped, child.State);
        Assert.Same(cause, child.StopCause);
        Assert.Equal(ActorTaskState.Completed, parent.State);
        Assert.Null(t.System.Find("/parent"));
    }

    [Fact]
    public async Task StopAsync_SecondCallOnAStoppingTask_WaitsForTheFirst()
    {
        await using var t = new TestSystem();
        var slow = new SlowCleanup();
        var (inFinally, release) = (slow.InFinally, slow.Release);
        var task = t.System.Run(slow.Body);
        await slow.Started.Task.WithinAsync("started");

        var first = task.StopAsync();
        await inFinally.Task.WithinAsync("stopping");
        var second = task.StopAsync();
        Assert.False(second.IsCompleted);

        release.SetResult();
        await Task.WhenAll(first, second).WithinAsync("both stops");
        Assert.Equal(ActorTaskState.Stopped, task.State);
    }

    [Fact]
    public async Task Stop_OfAVeryDeepChain_DoesNotOverflowTheStack()
    {
        const int depth = 2000;
        await using var t = new TestSystem();
        var tasks = new ActorTask[depth];
        var bottomReached = Signal.New();

        Func<ActorContext, Task> Level(int level) => async ctx =>
        {
            tasks[level] = ctx.Self;
            if (level + 1 < depth) _ = ctx.Run(Level(level + 1));
            else bottomReached.SetResult();
            await BlockUntilStopped(ctx);
        };

        var top = t.System.Run(Level(0), new SpawnOptions { Name = "deep" });
        await bottomReached.Task.WithinAsync("bottom of the chain started");
        Assert.Equal(depth - 1, tasks[depth - 1].Path.Count(ch => ch == '/') - 1);

        await top.StopAsync().WithinAsync("deep stop");

        Assert.All(tasks, task => Assert.Equal(ActorTaskState.Stopped, task.State));
        Assert.Null(t.System.Find("/deep"));
        await t.System.Completion.WithinAsync("system idle");
    }

    [Fact]
    public async Task Stop_OfAVeryDeepChainOfCompletedParents_DoesNotOverflowTheStack()
    {
        const int depth = 2000;
        await using var t = new TestSystem();
        var tasks = new ActorTask[depth];
        var bottomReached = Signal.New();

        Func<ActorContext, Task> Level(int level) => ctx =>
        {
            tasks[level] = ctx.Self;
            if (level + 1 < depth)
            {
                _ = ctx.Run(Level(level + 1));
                return Task.CompletedTask;   // completes; stays in the tree while its child runs
            }
            bottomReached.SetResult();
            return BlockUntilStopped(ctx);
        };

        var top = t.System.Run(Level(0), new SpawnOptions { Name = "deep" });
        await bottomReached.Task.WithinAsync("bottom of the chain started");
        await TestWaits.UntilAsync(() => tasks.Take(depth - 1).All(x => x is not null && x.IsFinished), "upper levels completed");
        Assert.Same(top, t.System.Find("/deep"));

        await top.StopAsync().WithinAsync("deep stop");

        Assert.All(tasks.Take(depth - 1), task => Assert.Equal(ActorTaskState.Completed, task.State));
        Assert.Equal(ActorTaskState.Stopped, tasks[depth - 1].State);
        Assert.Null(t.System.Find("/deep"));
    }

    [Fact]
    public async Task StopAsync_OfItselfCalledInsideAHandler_ReturnsAtOnce()
    {
        await using var t = new TestSystem();
        var completedAtOnce = Signal.New<bool>();
        var actor = t.System.Spawn<int>((ctx, m) =>
        {
            completedAtOnce.SetResult(ctx.Self.StopAsync().IsCompleted);
            return ValueTask.CompletedTask;
        });
        actor.Tell(1);

        Assert.True(await completedAtOnce.Task.WithinAsync("handler ran"));
        await actor.ActorTask.WhenFinishedAsync().WithinAsync("finish");
        Assert.Equal(ActorTaskState.Stopped, actor.ActorTask.State);
    }

    [Fact]
    public async Task StopAsync_OfItselfCalledInsideAHandlerAfterAnAwait_ReturnsAtOnce()
    {
        await using var t = new TestSystem();
        var completedAtOnce = Signal.New<bool>();
        var actor = t.System.Spawn<int>(async (ctx, m) =>
        {
            await Task.Yield();
            completedAtOnce.SetResult(ctx.Self.StopAsync().IsCompleted);
        });
        actor.Tell(1);

        Assert.True(await completedAtOnce.Task.WithinAsync("handler ran"), "StopAsync called from inside the handler waits on the handler itself");
        await actor.ActorTask.WhenFinishedAsync().WithinAsync("finish");
        Assert.Equal(ActorTaskState.Stopped, actor.ActorTask.State);
    }

    [Fact]
    public async Task StopAsync_OfParentCalledInsideAChildHandlerAfterAnAwait_ReturnsAtOnce()
    {
        await using var t = new TestSystem();
        var parentStarted = Signal.New();
        var parent = t.System.Run(async ctx =>
        {
            parentStarted.SetResult();
            await BlockUntilStopped(ctx);
        });
        await parentStarted.Task.WithinAsync("parent started");
        var completedAtOnce = Signal.New<bool>();
        var child = parent.Spawn<int>(async (ctx, m) =>
        {
            await Task.Yield();
            completedAtOnce.SetResult(parent.StopAsync().IsCompleted);
        });
        child.Tell(1);

        Assert.True(await completedAtOnce.Task.WithinAsync("handler ran"), "StopAsync of the parent called from inside a child waits on the child itself");
        await parent.WhenFinishedAsync().WithinAsync("parent finished");
        Assert.Equal(ActorTaskState.Stopped, parent.State);
        Assert.Equal(ActorTaskState.Stopped, child.ActorTask.State);
    }

    [Fact]
    public async Task Stop_OfParent_WaitsForAChildThatDefersTheStopBeforeCancellingTheParent()
    {
        await using var t = new TestSystem();
        var childInScope = Signal.New();
        var proceed = Signal.New();
        var parentStarted = Signal.New();
        bool? parentCancelledWhileChildInScope = null;
        ActorContext? parentContext = null;
        var childTask = Signal.New<ActorTask>();
        var parent = t.System.Run(async ctx =>
        {
            parentContext = ctx;
            childTask.SetResult(ctx.Run(async c =>
            {
                using (c.DeferStop())
                {
                    childInScope.SetResult();
                    await proceed.Task;
                    parentCancelledWhileChildInScope = parentContext.Cancellation.IsCancellationRequested;
                }
                await BlockUntilStopped(c);
            }));
            parentStarted.SetResult();
            await BlockUntilStopped(ctx);
        });
        var child = await childTask.Task.WithinAsync("child spawned");
        await parentStarted.Task.WithinAsync("parent started");
        await childInScope.Task.WithinAsync("child in scope");

        var stop = parent.StopAsync();
        Assert.False(stop.IsCompleted);
        proceed.SetResult();
        await stop.WithinAsync("stop");

        Assert.False(parentCancelledWhileChildInScope);
        Assert.Equal(ActorTaskState.Stopped, child.State);
        Assert.Equal(ActorTaskState.Stopped, parent.State);
    }

    [Fact]
    public async Task StopAsync_WhenItsTokenIsCancelled_StopsWaitingButNotTheStop()
    {
        await using var t = new TestSystem();
        var slow = new SlowCleanup();
        var (inFinally, release) = (slow.InFinally, slow.Release);
        var task = t.System.Run(slow.Body);
        await slow.Started.Task.WithinAsync("started");

        using var cts = new CancellationTokenSource();
        var stop = task.StopAsync(null, cts.Token);
        await inFinally.Task.WithinAsync("stopping");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stop.WithinAsync("cancelled wait"));
        Assert.True(task.IsStopping);
        Assert.False(task.IsFinished);

        release.SetResult();
        await task.WhenFinishedAsync().WithinAsync("finish");
        Assert.Equal(ActorTaskState.Stopped, task.State);
    }
}
