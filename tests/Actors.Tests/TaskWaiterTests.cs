namespace Actors.Tests;

public class TaskWaiterTests
{
    [Fact]
    public async Task WaitAsyncReturnsTheFirstResultsInTheOrderTheTasksFinished()
    {
        await using var t = new TestSystem();
        var waiter = new TaskWaiter<int>(t.System.Root);
        var gates = Enumerable.Range(0, 4).Select(_ => Signal.New()).ToArray();
        for (var i = 0; i < 4; i++)
        {
            var n = i;
            _ = waiter.Run(async ctx =>
            {
                await gates[n].Task.WaitAsync(ctx.Cancellation);
                return n;
            });
        }
        var firstTwo = waiter.WaitAsync(2);

        gates[3].SetResult();
        Assert.Equal([3], await waiter.WaitAsync(1).WithinAsync("the first result"));
        Assert.False(firstTwo.IsCompleted);
        gates[1].SetResult();

        Assert.Equal([3, 1], await firstTwo.WithinAsync("the first two results"));
        gates[0].SetResult();
        gates[2].SetResult();
        var all = await waiter.WaitAsync(4).WithinAsync("every result");
        Assert.Equal([3, 1], all.Take(2));
        Assert.Equal([0, 1, 2, 3], all.Order());
    }

    [Fact]
    public async Task AFailureAmongTheFirstResultsIsRethrown()
    {
        await using var t = new TestSystem();
        var waiter = new TaskWaiter<string>(t.System.Root);
        var gates = new[] { Signal.New(), Signal.New(), Signal.New() };
        _ = waiter.Run(async ctx =>
        {
            await gates[0].Task.WaitAsync(ctx.Cancellation);
            return "ok";
        });
        _ = waiter.Run(async ctx =>
        {
            await gates[1].Task.WaitAsync(ctx.Cancellation);
            throw new FormatException("bad result");
        });
        var slow = waiter.Run(async ctx =>
        {
            await gates[2].Task.WaitAsync(ctx.Cancellation);
            return "slow";
        });

        gates[0].SetResult();
        gates[1].SetResult();

        var error = await Assert.ThrowsAsync<FormatException>(() => waiter.WaitAsync(2).WithinAsync("the first two"));
        Assert.Equal("bad result", error.Message);
        Assert.False(slow.IsFinished);   // the third was not needed
        Assert.DoesNotContain(t.Logs, l => l.Level == LogLevel.Error);
    }

    [Fact]
    public async Task WaitingForMoreTasksThanWereRunThrowsArgumentOutOfRangeException()
    {
        await using var t = new TestSystem();
        var waiter = new TaskWaiter<int>(t.System.Root);
        _ = waiter.Run(ctx => Task.FromResult(1));
        _ = waiter.Run(ctx => Task.FromResult(2));

        var tooMany = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => waiter.WaitAsync(3));
        Assert.Equal("count", tooMany.ParamName);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => waiter.WaitAsync(0));
        Assert.Equal(2, (await waiter.WaitAsync(2).WithinAsync("both results")).Count);
    }

    [Fact]
    public async Task TheWaitersTasksAreChildrenOfItsParent()
    {
        await using var t = new TestSystem();
        var result = t.System.Run(async ctx =>
        {
            var waiter = new TaskWaiter<string>(ctx.Self);
            var child = waiter.Run(c => Task.FromResult("child"));
            Assert.Same(ctx.Self, child.Parent);
            var results = await waiter.WaitAsync(1);
            return results[0];
        });
        Assert.Equal("child", await result.Completion.WithinAsync("the parent"));
    }
}
