using Microsoft.Extensions.Time.Testing;

namespace Actors.Tests;

/// <summary>Gaps the peers' suites expect: a subtree wait, a visible deferred stop, a limit as a semaphore, stops that escape a body, a caller's timeout type.</summary>
public class KernelGapTests
{
    [Fact]
    public async Task WaitForSubtree_WaitsForGrandchildren_WhereWaitForChildrenDoesNot()
    {
        await using var t = new TestSystem();
        var grandchildRunning = Signal.New();
        var release = Signal.New();
        var childrenWaited = Signal.New();
        var parent = t.System.Run(async ctx =>
        {
            var child = ctx.Run(c =>
            {
                c.Run(async g =>
                {
                    grandchildRunning.SetResult();
                    await release.Task.WaitAsync(g.Cancellation);
                });
                return Task.CompletedTask;   // the child's body ends; its child runs on
            });
            await ctx.WaitForChildrenAsync(ctx.Cancellation);
            childrenWaited.SetResult();
            await ctx.WaitForSubtreeAsync(ctx.Cancellation);
            return ctx.Self.Children.Count;
        });

        await grandchildRunning.Task.WithinAsync("the grandchild");
        await childrenWaited.Task.WithinAsync("the children wait, while the grandchild runs");
        Assert.False(parent.Completion.IsCompleted);   // only the release below can end the subtree wait

        release.SetResult();
        Assert.Equal(0, await parent.Completion.WithinAsync("the subtree wait"));
    }

    [Fact]
    public async Task WaitForSubtree_FromInsideTheSubtree_IsRefused()
    {
        await using var t = new TestSystem();
        var parent = t.System.Run(async ctx =>
        {
            var parentTask = ctx.Self;
            var child = ctx.Run(c => parentTask.WhenSubtreeFinishedAsync());
            return await Assert.ThrowsAsync<InvalidOperationException>(() => child.Completion);
        });

        var error = await parent.Completion.WithinAsync("the refusal");
        Assert.Contains("wait on itself", error.Message);
    }

    [Fact]
    public async Task AStopHeldByDeferStop_IsVisibleOnTheTaskAndInTheSnapshot()
    {
        await using var t = new TestSystem();
        var inScope = Signal.New();
        var endScope = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            using (ctx.DeferStop())
            {
                inScope.SetResult();
                await endScope.Task;
            }
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        }, new SpawnOptions { Name = "responder" });
        await inScope.Task.WithinAsync("the deferred section");
        Assert.False(task.IsStopDeferred);

        task.Stop();

        Assert.True(task.IsStopDeferred);
        Assert.False(task.IsStopping);
        Assert.True(Assert.Single(t.System.Snapshot().Tasks, i => i.Path == "/responder").IsStopDeferred);
        endScope.SetResult();
        await task.WhenFinishedAsync().WithinAsync("the stop, once the section ended");
        Assert.False(task.IsStopDeferred);
        Assert.Equal(ActorTaskState.Stopped, task.State);
    }

    [Fact]
    public async Task AConcurrencyLimit_HandsOutLeases_SharingSlotsAndQueueWithTheTasksItStarts()
    {
        await using var t = new TestSystem();
        var limit = new ConcurrencyLimit(1);
        var first = await limit.AcquireAsync().WithinAsync("a free slot");
        Assert.False(limit.TryAcquire(out var none));
        Assert.Null(none);

        var second = limit.AcquireAsync();
        var ran = Signal.New();
        var task = limit.RunAsync(t.System.Root, ctx => { ran.SetResult(); return Task.CompletedTask; });
        Assert.False(second.IsCompleted);
        Assert.Equal(2, limit.Waiting);

        first.Dispose();
        first.Dispose();   // a second release does nothing
        var lease = await second.WithinAsync("the slot, first in line");
        Assert.True(lease.IsHeld);
        Assert.Equal(1, limit.Running);
        Assert.False(task.IsCompleted);

        lease.Dispose();
        await ran.Task.WithinAsync("the task, next in line");
        await (await task.WithinAsync("the started task")).Completion.WithinAsync("its end");
        await TestWaits.UntilAsync(() => limit.Running == 0, "the task's slot freed");
        Assert.True(limit.TryAcquire(out var again));
        again!.Dispose();
    }

    [Fact]
    public async Task ABodyThatLetsAnotherTasksStopEscape_EndsStopped_WithThatCause()
    {
        await using var t = new TestSystem();
        var victim = t.System.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation));
        var cause = new StopCause("shut down for the test");
        var waiter = t.System.Run(async ctx => await victim.Completion);
        await victim.StopAsync(cause).WithinAsync("the stop");

        await waiter.WhenFinishedAsync().WithinAsync("the waiter");

        Assert.Equal(ActorTaskState.Stopped, waiter.State);
        Assert.Same(cause, waiter.StopCause);
        Assert.Null(waiter.Failure);
        Assert.DoesNotContain(t.Logs, l => l.Level == LogLevel.Error);
    }

    [Fact]
    public async Task AHandlerThatLetsAnotherTasksStopEscape_EndsStopped()
    {
        await using var t = new TestSystem();
        var victim = t.System.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation));
        await victim.StopAsync().WithinAsync("the stop");
        var actor = t.System.Spawn<int>(async (ctx, m) => await victim.Completion);

        actor.Tell(1);

        await actor.ActorTask.WhenFinishedAsync().WithinAsync("the actor");
        Assert.Equal(ActorTaskState.Stopped, actor.ActorTask.State);
    }

    [Fact]
    public async Task ATimeoutSection_CanRaiseTheCallersOwnExceptionType()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var entered = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            try
            {
                await ctx.WithTimeoutAsync(TimeSpan.FromSeconds(5), scope =>
                {
                    entered.SetResult();
                    return Task.Delay(Timeout.Infinite, scope.Token);
                }, timeout => new UpstreamTimeoutException("the upstream did not answer", timeout));
                return null;
            }
            catch (UpstreamTimeoutException ex)
            {
                return ex;
            }
        });
        await entered.Task.WithinAsync("the section");

        time.Advance(TimeSpan.FromSeconds(5));

        var error = await task.Completion.WithinAsync("the section's end");
        Assert.NotNull(error);
        Assert.IsType<ActorTimeoutException>(error.InnerException);
    }

    private sealed class UpstreamTimeoutException(string message, Exception inner) : Exception(message, inner);
}
