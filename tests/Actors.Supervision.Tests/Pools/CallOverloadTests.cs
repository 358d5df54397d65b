using Actors.Supervision.Pools;
using Actors.Tests;

namespace Actors.Supervision.Tests.Pools;

/// <summary>Calls written the obvious way compile and bind to the overload that reads right.</summary>
public class CallOverloadTests
{
    [Fact]
    public async Task ALambdaThatOnlyThrows_Compiles_AndItsExceptionComesBack()
    {
        await using var h = new PoolHarness();
        await using var checkout = await h.Pool.CheckoutAsync().AsTask().WithinAsync("checkout");

        await Assert.ThrowsAsync<InvalidOperationException>(() => checkout.CallAsync(w => throw new InvalidOperationException("no")).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() => checkout.CallAsync<int>(w => throw new InvalidOperationException("no")).AsTask());
    }

    [Fact]
    public async Task CallsReturningNothing_RunOnTheWorkerInOrder()
    {
        await using var h = new PoolHarness(new WorkerPoolOptions { OnCallError = CallErrorPolicy.KeepWorker });
        await using var checkout = await h.Pool.CheckoutAsync().AsTask().WithinAsync("checkout");
        var seen = new List<string>();

        await checkout.CallAsync(w => seen.Add($"sync {w.Id}")).AsTask().WithinAsync("sync call");
        await checkout.CallAsync(async w => { await Task.Yield(); seen.Add($"async {w.Id}"); }).AsTask().WithinAsync("async call");
        Assert.Equal(7, await checkout.CallAsync(w => Task.FromResult(7)).AsTask().WithinAsync("a Task<int> call keeps its result"));
        Assert.Equal(1, await checkout.CallAsync(w => w.Id).AsTask().WithinAsync("a sync call keeps its result"));

        Assert.Equal(["sync 1", "async 1"], seen);
    }
}
