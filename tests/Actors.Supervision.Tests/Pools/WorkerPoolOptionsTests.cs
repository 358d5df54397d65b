using Actors.Supervision.Pools;
using Actors.Tests;

namespace Actors.Supervision.Tests.Pools;

public class WorkerPoolOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task APoolWithoutWorkersIsRefusedWithAMessageThatSaysWhatToDo(int size)
    {
        await using var t = new TestSystem();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            WorkerPool.Start(t.System, "pool", _ => ValueTask.FromResult(new object()), new WorkerPoolOptions { MaxWorkers = size }));

        Assert.Equal("MaxWorkers", error.ParamName);
        Assert.Contains("set MaxWorkers to 1 or more", error.Message);
    }

    [Fact]
    public async Task ANullFactoryIsRefused()
    {
        await using var t = new TestSystem();

        var error = Assert.Throws<ArgumentNullException>(() => WorkerPool.Start<object>(t.System, "pool", null!));

        Assert.Equal("factory", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task MaxCheckoutsBelowOneIsRefused(int max)
    {
        await using var t = new TestSystem();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            WorkerPool.Start(t.System, "pool", _ => ValueTask.FromResult(new object()), new WorkerPoolOptions { MaxCheckouts = max }));

        Assert.Equal("MaxCheckouts", error.ParamName);
    }

    [Fact]
    public async Task NonPositiveTimeoutsAreRefused()
    {
        await using var t = new TestSystem();

        Assert.Throws<ArgumentOutOfRangeException>(() => WorkerPool.Start(t.System, "a", _ => ValueTask.FromResult(new object()), new WorkerPoolOptions { CheckoutTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkerPool.Start(t.System, "b", _ => ValueTask.FromResult(new object()), new WorkerPoolOptions { HungWorkerTimeout = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public async Task AFactoryThatReturnsNullGivesASetupErrorNamingThePool()
    {
        await using var h = new PoolHarness(factory: (_, _) => ValueTask.FromResult<NumberedWorker?>(null), name: "nulls");

        var error = await Assert.ThrowsAsync<WorkerSetupException>(() => h.Pool.CheckoutAsync().AsTask().WithinAsync("the checkout"));

        Assert.Equal("/app/nulls", error.Pool);
        Assert.Contains("/app/nulls", error.InnerException!.Message);
        Assert.Contains("returned null", error.InnerException.Message);
    }
}
