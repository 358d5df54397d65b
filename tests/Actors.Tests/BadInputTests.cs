namespace Actors.Tests;

public class BadInputTests
{
    [Theory]
    [InlineData("", "empty or blank")]
    [InlineData("   ", "empty or blank")]
    [InlineData("a/b", "contains '/'")]
    [InlineData("/", "contains '/'")]
    [InlineData("$7", "starts with '$'")]
    [InlineData("$name", "starts with '$'")]
    public async Task ABadNameIsRefusedWithAnArgumentExceptionThatSaysWhy(string name, string why)
    {
        await using var t = new TestSystem();
        var options = new SpawnOptions { Name = name };

        var run = Assert.ThrowsAny<ArgumentException>(() => t.System.Run(ctx => Task.CompletedTask, options));
        var spawn = Assert.ThrowsAny<ArgumentException>(() => t.System.Spawn<int>((ctx, m) => ValueTask.CompletedTask, options));

        Assert.Contains(why, run.Message);
        Assert.Contains(why, spawn.Message);
        Assert.Empty(t.System.Root.Children);
    }

    [Fact]
    public async Task ANullNameGivesAnAnonymousTaskNotAnError()
    {
        await using var t = new TestSystem();
        var task = t.System.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation), SpawnOptions.Default.WithName(null));
        Assert.Null(task.Name);
        Assert.StartsWith("/$", task.Path);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ABoundedMailboxNeedsACapacityOfAtLeastOne(int capacity)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MailboxOptions.Bounded(capacity));
        Assert.Equal("capacity", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task ASpawnWithAMailboxCapacityBelowOneIsRefused(int capacity)
    {
        await using var t = new TestSystem();
        var options = new SpawnOptions { Mailbox = new MailboxOptions { Capacity = capacity } };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => t.System.Spawn<int>((ctx, m) => ValueTask.CompletedTask, options));
        Assert.Contains("at least 1", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task ASpawnWithAZeroOrNegativeTimeoutIsRefused(int seconds)
    {
        await using var t = new TestSystem();
        var options = new SpawnOptions { Timeout = TimeSpan.FromSeconds(seconds) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => t.System.Run(ctx => Task.CompletedTask, options));

        Assert.Equal("Timeout", error.ParamName);
        Assert.Contains("InfiniteTimeSpan", error.Message);
    }

    [Theory]
    [InlineData(nameof(ActorSystemOptions.AskTimeout), 0)]
    [InlineData(nameof(ActorSystemOptions.AskTimeout), -1)]
    [InlineData(nameof(ActorSystemOptions.TaskTimeout), 0)]
    [InlineData(nameof(ActorSystemOptions.TaskTimeout), -1)]
    [InlineData(nameof(ActorSystemOptions.Throughput), 0)]
    [InlineData(nameof(ActorSystemOptions.Throughput), -1)]
    public void ASystemWithAZeroOrNegativeSettingIsRefused(string setting, int value)
    {
        var options = new ActorSystemOptions();
        switch (setting)
        {
            case nameof(ActorSystemOptions.AskTimeout): options.AskTimeout = TimeSpan.FromSeconds(value); break;
            case nameof(ActorSystemOptions.TaskTimeout): options.TaskTimeout = TimeSpan.FromSeconds(value); break;
            default: options.Throughput = value; break;
        }

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ActorSystem(options));

        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public async Task AnAskWithAZeroTimeoutIsRefused()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<IReplyTo<int>>((ctx, r) =>
        {
            r.Reply(1);
            return ValueTask.CompletedTask;
        });
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => actor.AskAsync<int>(r => r, TimeSpan.Zero));
        Assert.Equal(1, await actor.AskAsync<int>(r => r).WithinAsync("a valid ask"));
    }

    [Fact]
    public async Task BadTimerArgumentsAreRefused()
    {
        await using var t = new TestSystem();
        var errors = Signal.New<Exception?[]>();
        var actor = t.System.Spawn<int>((ctx, m) =>
        {
            errors.SetResult(
            [
                Record.Exception(() => ctx.Timers.Once("k", TimeSpan.FromSeconds(-1), 1)),
                Record.Exception(() => ctx.Timers.Periodic("k", TimeSpan.Zero, 1)),
                Record.Exception(() => ctx.Timers.Once("", TimeSpan.FromSeconds(1), 1)),
            ]);
            return ValueTask.CompletedTask;
        });
        actor.Tell(0);
        var caught = await errors.Task.WithinAsync("the handler");
        Assert.IsType<ArgumentOutOfRangeException>(caught[0]);
        Assert.IsType<ArgumentOutOfRangeException>(caught[1]);
        Assert.IsAssignableFrom<ArgumentException>(caught[2]);
    }

    [Fact]
    public async Task ASectionTimeoutMustBePositive()
    {
        await using var t = new TestSystem();
        var task = t.System.Run(ctx => ctx.WithTimeoutAsync(TimeSpan.Zero, scope => Task.CompletedTask));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => task.Completion.WithinAsync("the body"));
    }

    [Fact]
    public void ConcurrencyLimitsAndGroupsRefuseOutOfRangeCounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConcurrencyLimit(0));
        var limit = new ConcurrencyLimit();
        Assert.Throws<ArgumentOutOfRangeException>(() => limit.Limit = 0);
        Assert.Equal(1, limit.Limit);
    }

    [Fact]
    public async Task FinishedAsyncRefusesAFirstBelowOne()
    {
        await using var t = new TestSystem();
        var group = new TaskGroup(t.System.Root);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
        {
            await foreach (var _ in group.FinishedAsync(first: 0)) { }
        });
    }

    [Fact]
    public async Task SpawningUnderAFinishedParentThrowsInvalidOperationException()
    {
        await using var t = new TestSystem();
        var parent = t.System.Run(ctx => Task.CompletedTask, new SpawnOptions { Name = "done" });
        await parent.Completion.WithinAsync("the parent");

        var run = Assert.Throws<InvalidOperationException>(() => parent.Run(ctx => Task.CompletedTask));
        var spawn = Assert.Throws<InvalidOperationException>(() => parent.Spawn<int>((ctx, m) => ValueTask.CompletedTask));

        Assert.Contains("/done", run.Message);
        Assert.Contains("no new children", spawn.Message);
    }

    [Fact]
    public async Task AChildSpawnedWhileAFailedParentStopsItsChildrenIsRefusedOrStopped()
    {
        await using var t = new TestSystem();
        var child = new SlowCleanup();
        var (childRunning, childStopping, releaseChild) = (child.Started, child.InFinally, child.Release);
        var fail = Signal.New();
        var parent = t.System.Run(async ctx =>
        {
            _ = ctx.Run(child.Body);
            await fail.Task;
            throw new InvalidOperationException("the body failed");
        });
        await childRunning.Task.WithinAsync("the first child");
        fail.SetResult();
        await childStopping.Task.WithinAsync("the failed body stopping its child");

        ActorTask? late = null;
        try
        {
            late = parent.Run(c => Task.Delay(Timeout.Infinite, c.Cancellation));
        }
        catch (InvalidOperationException)
        {
            // refused: fine
        }
        releaseChild.SetResult();
        await parent.WhenFinishedAsync().WithinAsync("the parent");

        Assert.Equal(ActorTaskState.Failed, parent.State);
        if (late is not null) await late.WhenFinishedAsync().WithinAsync("the late child stopped with its failed parent");
    }

    [Fact]
    public async Task FindWithAPathThatDoesNotStartWithASlashThrowsArgumentException()
    {
        await using var t = new TestSystem();
        var relative = Assert.Throws<ArgumentException>(() => t.System.Find("server/inbox"));
        Assert.Contains("must start with '/'", relative.Message);
        Assert.ThrowsAny<ArgumentException>(() => t.System.Find(""));
        Assert.ThrowsAny<ArgumentException>(() => t.System.Find(null!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => t.System.StopTaskAsync("server"));
    }

    [Fact]
    public async Task NullBodiesAndHandlersThrowArgumentNullException()
    {
        await using var t = new TestSystem();
        Assert.Throws<ArgumentNullException>(() => t.System.Spawn<int>((Func<ActorContext<int>, int, ValueTask>)null!));
        Assert.Throws<ArgumentNullException>(() => t.System.Spawn<int>((IActor<int>)null!));
        Assert.Throws<ArgumentNullException>(() => t.System.Run((Func<ActorContext, Task>)null!));
        Assert.Throws<ArgumentNullException>(() => t.System.Run((Func<ActorContext, Task<int>>)null!));
        Assert.Throws<ArgumentNullException>(() => t.System.RunWithMailbox<int>(null!));
        Assert.Throws<ArgumentNullException>(() => new TaskGroup(null!));
        Assert.Throws<ArgumentNullException>(() => t.System.DeadLetters.Subscribe(null!));
        Assert.Empty(t.System.Root.Children);
    }

    [Fact]
    public async Task AThrowingHandlerNeverCrashesTheProcessAndItsSiblingsKeepWorking()
    {
        await using var t = new TestSystem();
        var throwers = Enumerable.Range(0, 10)
            .Select(i => t.System.Spawn<int>((ctx, m) => throw new InvalidOperationException($"handler {i} broke on {m}")))
            .ToArray();
        var sibling = t.System.Spawn<(int X, IReplyTo<int> R)>((ctx, m) =>
        {
            m.R.Reply(m.X * 2);
            return ValueTask.CompletedTask;
        });

        foreach (var thrower in throwers) thrower.Tell(1);
        foreach (var thrower in throwers) await thrower.ActorTask.WhenFinishedAsync().WithinAsync("a thrower failing");

        Assert.All(throwers, a => Assert.Equal(ActorTaskState.Failed, a.ActorTask.State));
        Assert.Equal(42, await sibling.AskAsync<int>(r => (21, r)).WithinAsync("the sibling"));
        Assert.Equal(ActorTaskState.Running, sibling.ActorTask.State);
        await TestWaits.UntilAsync(() => t.Logs.Count(l => l.Level == LogLevel.Error) == throwers.Length, "each unobserved failure logged");
        Assert.All(t.Logs.Where(l => l.Level == LogLevel.Error), l => Assert.IsType<InvalidOperationException>(l.Exception));
    }

    [Fact]
    public async Task RefOfTheWrongMessageTypeThrowsInvalidOperationExceptionNamingTheTypes()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<int>((ctx, m) => ValueTask.CompletedTask, new SpawnOptions { Name = "numbers" });
        var process = t.System.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation), new SpawnOptions { Name = "plain" });

        var wrong = Assert.Throws<InvalidOperationException>(() => actor.ActorTask.Ref<string>());
        var none = Assert.Throws<InvalidOperationException>(() => process.Ref<int>());

        Assert.Contains("String", wrong.Message);
        Assert.Contains("Int32", wrong.Message);
        Assert.Contains("/numbers", wrong.Message);
        Assert.Contains("no mailbox", none.Message);
        Assert.Same(actor, actor.ActorTask.Ref<int>());
    }

    [Fact]
    public void AStopCauseNeedsAReason()
    {
        Assert.ThrowsAny<ArgumentException>(() => new StopCause(""));
        Assert.ThrowsAny<ArgumentException>(() => new StopCause(" "));
    }
}
