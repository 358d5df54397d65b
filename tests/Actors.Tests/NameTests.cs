namespace Actors.Tests;

public class NameTests
{
    private static Task BlockUntilStopped(ActorContext ctx) => Task.Delay(Timeout.Infinite, ctx.Cancellation);

    private static SpawnOptions Named(string name, NameConflictPolicy policy = NameConflictPolicy.FailOlder) =>
        new() { Name = name, NameConflict = policy };

    private static void AssertAlive(ActorTask task)
    {
        Assert.False(task.IsFinished, $"{task} should not have finished");
        Assert.False(task.IsStopping, $"{task} should not be stopping");
    }

    [Fact]
    public async Task Path_OfNestedNamedTasks_ReadsLikeServerConnections42()
    {
        await using var t = new TestSystem();
        var server = t.System.Run(BlockUntilStopped, Named("server"));
        var connections = server.Run(BlockUntilStopped, Named("connections"));
        var connection = connections.Spawn<string>((ctx, m) => ValueTask.CompletedTask, Named("42"));

        Assert.Equal("/server", server.Path);
        Assert.Equal("/server/connections", connections.Path);
        Assert.Equal("/server/connections/42", connection.ActorTask.Path);
        Assert.Equal("42", connection.ActorTask.Name);
        Assert.Same(connection.ActorTask, t.System.Find("/server/connections/42"));
        Assert.Same(connections, t.System.Find("/server/connections"));
        Assert.Same(server, t.System.Find("/server"));
        Assert.Equal("/", t.System.Root.Path);
        Assert.Same(t.System.Root, t.System.Find("/"));
    }

    [Fact]
    public async Task Path_OfTasksSpawnedFromContexts_FollowsTheTree()
    {
        await using var t = new TestSystem();
        var leafPath = Signal.New<string>();
        _ = t.System.Run(async ctx =>
        {
            _ = ctx.Run(async c =>
            {
                _ = c.Run(async l =>
                {
                    leafPath.SetResult(l.Self.Path);
                    await BlockUntilStopped(l);
                }, Named("42"));
                await BlockUntilStopped(c);
            }, Named("connections"));
            await BlockUntilStopped(ctx);
        }, Named("server"));

        var path = await leafPath.Task.WithinAsync("leaf path");
        Assert.Equal("/server/connections/42", path);
        Assert.NotNull(t.System.Find(path));
    }

    [Fact]
    public async Task Path_OfAnonymousTask_UsesADollarIdSegment()
    {
        await using var t = new TestSystem();
        var server = t.System.Run(BlockUntilStopped, Named("server"));
        var first = server.Run(BlockUntilStopped);
        var second = server.Run(BlockUntilStopped);

        Assert.Null(first.Name);
        Assert.Matches(@"^/server/\$\d+$", first.Path);
        Assert.Matches(@"^/server/\$\d+$", second.Path);
        Assert.NotEqual(first.Path, second.Path);
        Assert.Same(first, t.System.Find(first.Path));
        Assert.Same(second, t.System.Find(second.Path));

        var top = t.System.Run(BlockUntilStopped);
        Assert.Matches(@"^/\$\d+$", top.Path);
        Assert.Same(top, t.System.Find(top.Path));
    }

    [Fact]
    public async Task Find_ReturnsNullForUnknownPathsAndAfterATaskLeaves()
    {
        await using var t = new TestSystem();
        var server = t.System.Run(BlockUntilStopped, Named("server"));
        var worker = server.Run(BlockUntilStopped, Named("worker"));
        Assert.Same(worker, t.System.Find("/server/worker"));
        Assert.Null(t.System.Find("/server/nobody"));
        Assert.Null(t.System.Find("/nobody/worker"));

        await worker.StopAsync().WithinAsync("worker stop");
        Assert.Null(t.System.Find("/server/worker"));
        Assert.Same(server, t.System.Find("/server"));

        await server.StopAsync().WithinAsync("server stop");
        Assert.Null(t.System.Find("/server"));
    }

    [Fact]
    public async Task Find_AfterACompletedTaskLeaves_ReturnsNull()
    {
        await using var t = new TestSystem();
        var task = t.System.Run(async ctx => { await Task.Yield(); return 1; }, Named("short"));
        await task.Completion.WithinAsync("completion");
        Assert.Null(t.System.Find("/short"));
    }

    [Fact]
    public async Task NameConflict_FailOlder_FailsTheOlderWithNameOverlapAndTheNewerTakesTheName()
    {
        await using var t = new TestSystem();
        var olderStarted = Signal.New();
        var older = t.System.Run(async ctx =>
        {
            olderStarted.SetResult();
            await BlockUntilStopped(ctx);
        }, Named("worker"));
        await olderStarted.Task.WithinAsync("older started");

        var newer = t.System.Run(BlockUntilStopped, Named("worker"));

        var ex = await Assert.ThrowsAsync<NameOverlapException>(() => older.Completion.WithinAsync("older outcome"));
        Assert.Equal("/worker", ex.Path);
        Assert.Equal(ActorTaskState.Failed, older.State);
        Assert.Same(ex, older.Failure);
        AssertAlive(newer);
        Assert.False(newer.IsStopping);
        Assert.Same(newer, t.System.Find("/worker"));
        Assert.Equal("/worker", newer.Path);
    }

    [Fact]
    public async Task NameConflict_IsTheDefaultFailOlder()
    {
        await using var t = new TestSystem();
        var older = t.System.Run(BlockUntilStopped, new SpawnOptions { Name = "worker" });
        var newer = t.System.Run(BlockUntilStopped, new SpawnOptions { Name = "worker" });

        await Assert.ThrowsAsync<NameOverlapException>(() => older.Completion.WithinAsync("older outcome"));
        AssertAlive(newer);
    }

    [Fact]
    public async Task NameConflict_RejectNewer_ThrowsOnSpawnAndLeavesTheOlderUntouched()
    {
        await using var t = new TestSystem();
        var older = t.System.Run(BlockUntilStopped, Named("worker"));

        var ex = Assert.Throws<NameOverlapException>(
            () => t.System.Run(BlockUntilStopped, Named("worker", NameConflictPolicy.RejectNewer)));
        Assert.Equal("/worker", ex.Path);

        Assert.False(older.IsStopping);
        Assert.False(older.IsFinished);
        Assert.Same(older, t.System.Find("/worker"));
        _ = Assert.Single(t.System.Root.Children);
    }

    [Fact]
    public async Task NameConflict_RejectNewer_UnderATask_ThrowsOnSpawn()
    {
        await using var t = new TestSystem();
        var parent = t.System.Run(BlockUntilStopped, Named("parent"));
        var older = parent.Spawn<int>((ctx, m) => ValueTask.CompletedTask, Named("child"));

        Assert.Throws<NameOverlapException>(
            () => parent.Spawn<int>((ctx, m) => ValueTask.CompletedTask, Named("child", NameConflictPolicy.RejectNewer)));

        Assert.Equal(ActorTaskState.Running, older.ActorTask.State);
        Assert.Same(older.ActorTask, t.System.Find("/parent/child"));
        _ = Assert.Single(parent.Children);
    }

    [Fact]
    public async Task NameConflict_Replace_StopsTheOlderAndTheNewerTakesTheName()
    {
        await using var t = new TestSystem();
        var olderStarted = Signal.New();
        var older = t.System.Run(async ctx =>
        {
            olderStarted.SetResult();
            await BlockUntilStopped(ctx);
        }, Named("worker"));
        await olderStarted.Task.WithinAsync("older started");

        var newer = t.System.Run(BlockUntilStopped, Named("worker", NameConflictPolicy.Replace));

        await Assert.ThrowsAsync<ActorStoppedException>(() => older.Completion.WithinAsync("older outcome"));
        Assert.Equal(ActorTaskState.Stopped, older.State);
        Assert.Null(older.Failure);
        AssertAlive(newer);
        Assert.Same(newer, t.System.Find("/worker"));
        Assert.DoesNotContain(t.Logs, e => e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task Name_OfAFinishedSibling_CanBeReused()
    {
        await using var t = new TestSystem();
        var older = t.System.Run(async ctx => { await Task.Yield(); return 1; }, Named("once", NameConflictPolicy.RejectNewer));
        await older.Completion.WithinAsync("older completion");

        var newer = t.System.Run(BlockUntilStopped, Named("once", NameConflictPolicy.RejectNewer));
        Assert.Same(newer, t.System.Find("/once"));
        Assert.Equal(ActorTaskState.Completed, older.State);
    }

    [Fact]
    public async Task StopTaskAsync_WithAKnownPath_StopsItAndReturnsTrue()
    {
        await using var t = new TestSystem();
        var server = t.System.Run(BlockUntilStopped, Named("server"));
        var worker = server.Run(BlockUntilStopped, Named("worker"));

        Assert.True(await t.System.StopTaskAsync("/server/worker").WithinAsync("stop by path"));

        Assert.Equal(ActorTaskState.Stopped, worker.State);
        AssertAlive(server);
        Assert.Null(t.System.Find("/server/worker"));
        var ex = await Assert.ThrowsAsync<ActorStoppedException>(() => worker.Completion.WithinAsync("outcome"));
        Assert.Equal("/server/worker", ex.Cause.Source);
    }

    [Fact]
    public async Task StopTaskAsync_WithAGivenCause_PassesItOn()
    {
        await using var t = new TestSystem();
        var worker = t.System.Run(BlockUntilStopped, Named("worker"));
        var cause = new StopCause("operator said so");

        Assert.True(await t.System.StopTaskAsync("/worker", cause).WithinAsync("stop by path"));

        Assert.Same(cause, worker.StopCause);
    }

    [Fact]
    public async Task StopTaskAsync_WithAnUnknownPath_ReturnsFalse()
    {
        await using var t = new TestSystem();
        var worker = t.System.Run(BlockUntilStopped, Named("worker"));

        Assert.False(await t.System.StopTaskAsync("/nobody").WithinAsync("stop by unknown path"));
        Assert.False(await t.System.StopTaskAsync("/worker/child").WithinAsync("stop by unknown path"));
        AssertAlive(worker);
    }
}
