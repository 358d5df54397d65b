namespace Actors.Testing.Tests;

public sealed class TestWaitsTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Within_GivesTheResult_OrFailsSayingWhatItWaitedFor()
    {
        Assert.Equal(5, await Task.FromResult(5).WithinAsync("five"));
        var never = new TaskCompletionSource();
        var error = await Assert.ThrowsAsync<ActorAssertionException>(() => never.Task.WithinAsync("the reply", Short));
        Assert.Equal("Timed out after 100 ms waiting for the reply; it is WaitingForActivation.", error.Message);
    }

    [Fact]
    public async Task Within_RethrowsTheTasksOwnFailure()
    {
        var failed = Task.FromException(new InvalidOperationException("own"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failed.WithinAsync());
        Assert.Equal("own", error.Message);
    }

    [Fact]
    public async Task Until_ReturnsOnceTheConditionHolds_OrFails()
    {
        var flag = 0;
        _ = Task.Run(() => Volatile.Write(ref flag, 1));
        await TestWaits.UntilAsync(() => Volatile.Read(ref flag) == 1, "the flag");
        var error = await Assert.ThrowsAsync<ActorAssertionException>(() => TestWaits.UntilAsync(() => false, "never", Short));
        Assert.Contains("waiting until never", error.Message);
    }

    [Fact]
    public async Task Eventually_RetriesTheAssertion_AndOnTimeoutQuotesItsLastFailure()
    {
        var count = 0;
        await TestWaits.EventuallyAsync(() => Assert.True(++count >= 3));
        Assert.Equal(3, count);
        var error = await Assert.ThrowsAsync<ActorAssertionException>(() => TestWaits.EventuallyAsync(() => Assert.Equal(1, 2), "one to be two", Short));
        Assert.Contains("waiting for one to be two; it last failed with: Assert.Equal() Failure", error.Message);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public async Task WaitForState_SeesRunningAndStopped()
    {
        await using var kit = new ActorTestKit();
        var task = kit.System.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation));
        await task.WaitForStateAsync(ActorTaskState.Running);
        task.Stop();
        await task.WaitForStateAsync(ActorTaskState.Stopped);
    }

    [Fact]
    public async Task WaitForState_WhenTheTaskEndsOtherwise_FailsAtOnceSayingHow()
    {
        await using var kit = new ActorTestKit();
        var task = kit.System.Run(_ => throw new InvalidOperationException("broke"), new SpawnOptions { Name = "w" });
        var error = await Assert.ThrowsAsync<ActorAssertionException>(() => task.WaitForStateAsync(ActorTaskState.Stopped));
        Assert.Equal("/w ended Failed (failure: InvalidOperationException: broke) while the test waited for it to be Stopped.", error.Message);
    }

    [Fact]
    public async Task WaitForState_OnTimeout_SaysWhereTheTaskIs()
    {
        await using var kit = new ActorTestKit();
        var task = kit.System.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation), new SpawnOptions { Name = "busy" });
        await task.WaitForStateAsync(ActorTaskState.Running);
        var error = await Assert.ThrowsAsync<ActorAssertionException>(() => task.WaitForStateAsync(ActorTaskState.Completed, Short));
        Assert.Equal("Timed out after 100 ms waiting for /busy to be Completed; it is Running.", error.Message);
    }

    [Fact]
    public async Task WaitForTree_ReturnsTheSnapshotWithTheShape_OrDrawsTheLastOne()
    {
        await using var kit = new ActorTestKit();
        var parent = kit.System.Run(async ctx =>
        {
            _ = ctx.Run(c => Task.Delay(Timeout.Infinite, c.Cancellation), new SpawnOptions { Name = "child" });
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        }, new SpawnOptions { Name = "parent" });
        var snapshot = await kit.WaitForTreeAsync(s => s.Tasks.Any(t => t.Path == "/parent/child" && t.State == ActorTaskState.Running), "the child running");
        Assert.Equal(2, snapshot.Total);
        var error = await Assert.ThrowsAsync<ActorAssertionException>(() => kit.WaitForTreeAsync(s => s.Total == 5, "five tasks", Short));
        Assert.Contains("waiting for the tree to show five tasks. Last snapshot:", error.Message);
        Assert.Contains("\n      /parent/child Running", error.Message);
    }
}
