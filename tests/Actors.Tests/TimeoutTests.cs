using Microsoft.Extensions.Time.Testing;

namespace Actors.Tests;

public class TimeoutTests
{
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    [Fact]
    public async Task AProcessPastItsDeadlineEndsFailedWithActorTimeoutExceptionAndItsFinallyRuns()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var entered = Signal.New();
        var cleanedUp = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            try
            {
                entered.SetResult();
                await Task.Delay(Timeout.Infinite, ctx.Cancellation);
            }
            finally
            {
                cleanedUp.SetResult();
            }
        }, new SpawnOptions { Timeout = TimeSpan.FromSeconds(10) });
        await entered.Task.WithinAsync("the body");

        time.Advance(TimeSpan.FromSeconds(10) - OneTick);
        Assert.False(task.IsStopping);
        time.Advance(OneTick);

        var error = await Assert.ThrowsAsync<ActorTimeoutException>(() => task.Completion.WithinAsync("the deadline"));
        await cleanedUp.Task.WithinAsync("the finally block");
        Assert.Equal(ActorTaskState.Failed, task.State);
        Assert.Same(error, task.Failure);
        Assert.Contains(task.Path, error.Message);
        Assert.Same(error, task.StopCause?.Exception);
    }

    [Fact]
    public async Task TheSystemsTaskTimeoutAppliesWhenASpawnNamesNone()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o =>
        {
            o.TimeProvider = time;
            o.TaskTimeout = TimeSpan.FromMinutes(1);
        });
        var entered = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            entered.SetResult();
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        });
        await entered.Task.WithinAsync("the body");

        time.Advance(TimeSpan.FromMinutes(1) - OneTick);
        Assert.False(task.IsStopping);
        time.Advance(OneTick);

        await Assert.ThrowsAsync<ActorTimeoutException>(() => task.Completion.WithinAsync("the deadline"));
        Assert.Equal(ActorTaskState.Failed, task.State);
    }

    [Fact]
    public async Task AnInfiniteTimeoutGivenExplicitlyDisablesTheDeadline()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o =>
        {
            o.TimeProvider = time;
            o.TaskTimeout = TimeSpan.FromMinutes(1);
        });
        var entered = Signal.New();
        var finish = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            entered.SetResult();
            await finish.Task.WaitAsync(ctx.Cancellation);
            return 42;
        }, new SpawnOptions { Timeout = Timeout.InfiniteTimeSpan });
        await entered.Task.WithinAsync("the body");

        time.Advance(TimeSpan.FromDays(400));
        Assert.False(task.IsStopping);
        finish.SetResult();

        Assert.Equal(42, await task.Completion.WithinAsync("the body returning"));
        Assert.Equal(ActorTaskState.Completed, task.State);
    }

    [Fact]
    public async Task AnInfiniteSystemTaskTimeoutDisablesTheDefaultDeadline()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o =>
        {
            o.TimeProvider = time;
            o.TaskTimeout = Timeout.InfiniteTimeSpan;
        });
        var entered = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            entered.SetResult();
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        });
        await entered.Task.WithinAsync("the body");

        time.Advance(TimeSpan.FromDays(400));

        Assert.False(task.IsStopping);
        Assert.Equal(ActorTaskState.Running, task.State);
    }

    [Fact]
    public async Task ASectionPastItsDeadlineThrowsActorTimeoutExceptionThatTheBodyCanCatchAndGoOn()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var entered = Signal.New<TimeoutScope>();
        var task = t.System.Run(async ctx =>
        {
            try
            {
                await ctx.WithTimeoutAsync(TimeSpan.FromSeconds(5), scope =>
                {
                    entered.SetResult(scope);
                    return Task.Delay(Timeout.Infinite, scope.Token);
                });
                return "the section finished";
            }
            catch (ActorTimeoutException)
            {
                return "timed out, carried on";
            }
        });
        var scope = await entered.Task.WithinAsync("the section");

        time.Advance(TimeSpan.FromSeconds(5) - OneTick);
        Assert.False(scope.TimedOut);
        Assert.False(task.IsFinished);
        time.Advance(OneTick);

        Assert.Equal("timed out, carried on", await task.Completion.WithinAsync("the body"));
        Assert.True(scope.TimedOut);
        Assert.Equal(ActorTaskState.Completed, task.State);
    }

    [Fact]
    public async Task ASectionTimesOutWhileItAwaitsAReceiveAndTheMailboxStillWorksAfterwards()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var entered = Signal.New();
        var timedOut = Signal.New();
        var process = t.System.RunWithMailbox<string, string>(async ctx =>
        {
            string first;
            try
            {
                first = await ctx.WithTimeoutAsync(TimeSpan.FromSeconds(5), scope =>
                {
                    entered.SetResult();
                    return ctx.ReceiveAsync(scope.Token).AsTask();
                });
            }
            catch (ActorTimeoutException)
            {
                first = "(nothing)";
                timedOut.SetResult();
            }
            return first + ", then " + await ctx.ReceiveAsync();
        });
        await entered.Task.WithinAsync("the section");

        time.Advance(TimeSpan.FromSeconds(5));
        await timedOut.Task.WithinAsync("the section timing out");
        process.Ref<string>().Tell("a message");

        Assert.Equal("(nothing), then a message", await process.Completion.WithinAsync("the process"));
    }

    [Fact]
    public async Task ExtendMovesTheSectionsDeadlineLater()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var (task, entered, move, moved) = RunMovableSection(t, time, scope => scope.Extend(TimeSpan.FromSeconds(3)));
        var scope = await entered.Task.WithinAsync("the section");

        time.Advance(TimeSpan.FromSeconds(4));
        move.SetResult();
        await moved.Task.WithinAsync("the section extending its deadline");
        time.Advance(TimeSpan.FromSeconds(4) - OneTick);   // 8 s after the start, less a tick: the old deadline (5 s) has passed
        Assert.False(scope.TimedOut);
        time.Advance(OneTick);

        Assert.Equal(TimeSpan.FromSeconds(8), await task.Completion.WithinAsync("the extended deadline"));
    }

    [Fact]
    public async Task ResetRestartsTheSectionsFullDurationFromNow()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var (task, entered, move, moved) = RunMovableSection(t, time, scope => scope.Reset());
        var scope = await entered.Task.WithinAsync("the section");

        time.Advance(TimeSpan.FromSeconds(4));
        move.SetResult();
        await moved.Task.WithinAsync("the section resetting its deadline");
        time.Advance(TimeSpan.FromSeconds(5) - OneTick);   // 9 s after the start, less a tick
        Assert.False(scope.TimedOut);
        time.Advance(OneTick);

        Assert.Equal(TimeSpan.FromSeconds(9), await task.Completion.WithinAsync("the reset deadline"));
    }

    [Fact]
    public async Task AnAsyncHandlerPastItsPerMessageDeadlineFailsTheActorWithActorTimeoutException()
    {
        var time = new TestTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var limit = TimeSpan.FromSeconds(10);
        var actor = t.System.Spawn<int>(async (ctx, m) => await Task.Delay(Timeout.Infinite, ctx.Cancellation), new SpawnOptions { Timeout = limit });

        actor.Tell(1);
        await TestWaits.UntilAsync(() => time.ArmedCount(limit) == 1, "the message's deadline to be armed");
        time.Advance(limit - OneTick);
        Assert.False(actor.ActorTask.IsStopping);
        time.Advance(OneTick);

        var error = await Assert.ThrowsAsync<ActorTimeoutException>(() => actor.ActorTask.Completion.WithinAsync("the deadline"));
        Assert.Equal(ActorTaskState.Failed, actor.ActorTask.State);
        Assert.Contains(actor.ActorTask.Path, error.Message);
    }

    [Fact]
    public async Task AHandlerActorsDeadlineBoundsEachMessageNotItsLife()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o =>
        {
            o.TimeProvider = time;
            o.AskTimeout = Timeout.InfiniteTimeSpan;
        });
        var actor = t.System.Spawn<(bool Async, IReplyTo<int> Reply)>(async (ctx, m) =>
        {
            if (m.Async) await Task.Yield();
            m.Reply.Reply(1);
        }, new SpawnOptions { Timeout = TimeSpan.FromSeconds(10) });

        await actor.AskAsync<int>(r => (true, r)).WithinAsync("an async message");
        await actor.AskAsync<int>(r => (false, r)).WithinAsync("a sync message, handled after the async one ended");
        time.Advance(TimeSpan.FromHours(1));
        await actor.AskAsync<int>(r => (true, r)).WithinAsync("an async message an hour later");

        Assert.Equal(ActorTaskState.Running, actor.ActorTask.State);
        Assert.False(actor.ActorTask.IsStopping);
    }

    /// <summary>A process whose 5 s section moves its deadline once told to, then waits until it times out; returns the time it took.</summary>
    private static (ActorTask<TimeSpan> Task, TaskCompletionSource<TimeoutScope> Entered, TaskCompletionSource Move, TaskCompletionSource Moved) RunMovableSection(
        TestSystem t, TimeProvider time, Action<TimeoutScope> moveDeadline)
    {
        var entered = Signal.New<TimeoutScope>();
        var move = Signal.New();
        var moved = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            var start = time.GetUtcNow();
            try
            {
                await ctx.WithTimeoutAsync(TimeSpan.FromSeconds(5), async scope =>
                {
                    entered.SetResult(scope);
                    await move.Task.WaitAsync(scope.Token);
                    moveDeadline(scope);
                    moved.SetResult();
                    await Task.Delay(Timeout.Infinite, scope.Token);
                });
                return TimeSpan.MinValue;
            }
            catch (ActorTimeoutException)
            {
                return time.GetUtcNow() - start;
            }
        });
        return (task, entered, move, moved);
    }
}

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also records every timer created through it, so a test can wait
/// until the kernel has armed a deadline before it moves time.
/// </summary>
internal sealed class TrackedTimeProvider : TimeProvider
{
    private readonly Lock _sync = new();
    private readonly List<TimeSpan> _armed = [];

    public FakeTimeProvider Fake { get; } = new();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        lock (_sync) _armed.Add(dueTime);
        return timer;
    }

    /// <summary>How many timers were created with this due time.</summary>
    public int ArmedCount(TimeSpan dueTime)
    {
        lock (_sync) return _armed.Count(d => d == dueTime);
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);
}
