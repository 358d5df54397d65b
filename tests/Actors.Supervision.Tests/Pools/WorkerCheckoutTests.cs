using System.Collections.Concurrent;
using Actors.Supervision.Pools;
using Actors.Tests;

namespace Actors.Supervision.Tests.Pools;

public class WorkerCheckoutTests
{
    private static readonly TimeSpan HungTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CallsOnOneCheckoutRunOneAtATimeInTheOrderMade()
    {
        await using var h = new PoolHarness();
        await using var checkout = await h.Pool.CheckoutAsync().AsTask().WithinAsync("a checkout");
        var order = new ConcurrentQueue<int>();
        var running = 0;
        var overlapped = false;

        var calls = Enumerable.Range(0, 20).Select(i => checkout.CallAsync(async (w, ct) =>
        {
            if (Interlocked.Increment(ref running) > 1) overlapped = true;
            await Task.Yield();
            order.Enqueue(i);
            Interlocked.Decrement(ref running);
            return i;
        }).AsTask()).ToList();

        Assert.Equal(Enumerable.Range(0, 20), await Task.WhenAll(calls).WithinAsync("the calls"));
        Assert.Equal(Enumerable.Range(0, 20), order);
        Assert.False(overlapped);
    }

    [Fact]
    public async Task AHungCallFailsTheCheckoutFatallyAndEveryLaterCallFailsWithTheSameError()
    {
        await using var h = new PoolHarness();
        var checkout = await h.Pool.CheckoutAsync().AsTask().WithinAsync("a checkout");
        var (call, _) = await StartNeverEndingCall(checkout);

        h.Time.Advance(HungTimeout);

        var hung = await Assert.ThrowsAsync<WorkerHungException>(() => call.WithinAsync("the hung call"));
        Assert.Contains("/app/pool/worker-1", hung.Message);
        Assert.Same(hung, await Assert.ThrowsAsync<WorkerHungException>(() => checkout.CallAsync(w => w.Id).AsTask()));
        Assert.Same(hung, await Assert.ThrowsAsync<WorkerHungException>(() => checkout.CallAsync(w => w.Id).AsTask()));
        Assert.Same(hung, checkout.Fault);
        await checkout.Worker.Disposed.Task.WithinAsync("the hung worker's destruction, before release");
        await checkout.DisposeAsync();
        Assert.NotEqual(checkout.Worker.Id, await h.WorkerIdOfNextCheckout());
        Assert.Equal(1, h.Pool.Counts.Faulted);
    }

    [Fact]
    public async Task ACallJustUnderTheHungTimeoutIsNotHung()
    {
        await using var h = new PoolHarness();
        await using var checkout = await h.Pool.CheckoutAsync().AsTask().WithinAsync("a checkout");
        var (call, finish) = await StartNeverEndingCall(checkout);

        h.Time.Advance(HungTimeout - TimeSpan.FromTicks(1));
        finish.SetResult(7);

        Assert.Equal(7, await call.WithinAsync("the slow call"));
        Assert.Null(checkout.Fault);
    }

    [Fact]
    public async Task AHungWorkerAndACheckoutTimeoutGiveDistinctExceptions()
    {
        await using var h = new PoolHarness(new WorkerPoolOptions { MaxWorkers = 1, CheckoutTimeout = TimeSpan.FromSeconds(10), HungWorkerTimeout = HungTimeout });
        await using var checkout = await h.Pool.CheckoutAsync().AsTask().WithinAsync("a checkout");
        var (call, _) = await StartNeverEndingCall(checkout);
        var waiting = h.Pool.CheckoutAsync().AsTask();
        await TestWaits.UntilAsync(() => h.Pool.Counts.Waiting == 1, "the second checkout waits");

        h.Time.Advance(TimeSpan.FromSeconds(10));
        var timedOut = await Assert.ThrowsAsync<CheckoutTimeoutException>(() => waiting.WithinAsync("the checkout timeout"));
        Assert.False(call.IsCompleted);
        h.Time.Advance(HungTimeout - TimeSpan.FromSeconds(10));
        var hung = await Assert.ThrowsAsync<WorkerHungException>(() => call.WithinAsync("the hung call"));

        Assert.IsNotType<WorkerFaultException>(timedOut, exactMatch: false);
        Assert.IsNotType<TimeoutException>(hung, exactMatch: false);
        Assert.Equal("/app/pool", timedOut.Pool);
    }

    [Fact]
    public async Task ACallErrorClearsTheCallsQueuedBehindItButTheCheckoutStaysUsable()
    {
        await using var h = new PoolHarness(new WorkerPoolOptions { OnCallError = CallErrorPolicy.KeepWorker });
        await using var checkout = await h.Pool.CheckoutAsync().AsTask().WithinAsync("a checkout");
        var started = Signal.New();
        var fail = Signal.New();
        var ran = new ConcurrentQueue<string>();
        var first = checkout.CallAsync<int>(async (w, ct) =>
        {
            started.SetResult();
            await fail.Task;
            throw new InvalidOperationException("first failed");
        }).AsTask();
        var second = checkout.CallAsync(w => { ran.Enqueue("second"); return 2; }).AsTask();
        var third = checkout.CallAsync(w => { ran.Enqueue("third"); return 3; }).AsTask();
        await started.Task.WithinAsync("the first call");

        fail.SetResult();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => first.WithinAsync("the first call"));
        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(() => second.WithinAsync("the second call")));
        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(() => third.WithinAsync("the third call")));
        Assert.Empty(ran);
        Assert.Equal(4, await checkout.CallAsync(w => 4).AsTask().WithinAsync("a later call"));
    }

    [Fact]
    public async Task AFatalErrorFailsTheQueuedCallsWithoutRunningThem()
    {
        await using var h = new PoolHarness();
        await using var checkout = await h.Pool.CheckoutAsync().AsTask().WithinAsync("a checkout");
        var (call, _) = await StartNeverEndingCall(checkout);
        var ran = new ConcurrentQueue<int>();
        var queued = Enumerable.Range(0, 3).Select(i => checkout.CallAsync(w => { ran.Enqueue(i); return i; }).AsTask()).ToList();

        checkout.Abort("the test gave up on it");

        var fault = await Assert.ThrowsAsync<WorkerFaultException>(() => call.WithinAsync("the running call"));
        Assert.Contains("the test gave up on it", fault.Message);
        foreach (var q in queued) Assert.Same(fault, await Assert.ThrowsAsync<WorkerFaultException>(() => q.WithinAsync("a queued call")));
        Assert.Same(fault, await Assert.ThrowsAsync<WorkerFaultException>(() => checkout.CallAsync(w => 0).AsTask()));
        Assert.Empty(ran);
        await checkout.Worker.Disposed.Task.WithinAsync("the aborted worker's destruction");
    }

    [Fact]
    public async Task AWorkerFaultThrownByACallIsFatalAndNamesTheWorker()
    {
        await using var h = new PoolHarness();
        await using var checkout = await h.Pool.CheckoutAsync().AsTask().WithinAsync("a checkout");

        var fault = await Assert.ThrowsAsync<WorkerFaultException>(() => checkout.CallAsync<int>((_, _) => throw new WorkerFaultException("pipe broke")).AsTask());

        Assert.Equal("/app/pool/worker-1", fault.Worker);
        Assert.Contains("pipe broke", fault.Message);
        Assert.Same(fault, await Assert.ThrowsAsync<WorkerFaultException>(() => checkout.CallAsync(w => 0).AsTask()));
    }

    [Fact]
    public async Task AReleasedCheckoutRefusesCalls()
    {
        await using var h = new PoolHarness();
        var checkout = await h.Pool.CheckoutAsync().AsTask().WithinAsync("a checkout");
        await checkout.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => checkout.CallAsync(w => 0));
        Assert.Throws<ObjectDisposedException>(() => checkout.Abort("late"));
    }

    /// <summary>Starts a call that runs until <c>finish</c> is set, and waits until it runs (so its hung timer is armed).</summary>
    private static async Task<(Task<int> Call, TaskCompletionSource<int> Finish)> StartNeverEndingCall(WorkerCheckout<NumberedWorker> checkout)
    {
        var started = Signal.New();
        var finish = Signal.New<int>();
        var call = checkout.CallAsync(async (w, ct) =>
        {
            started.SetResult();
            return await finish.Task;
        }).AsTask();
        await started.Task.WithinAsync("the call to start");
        return (call, finish);
    }
}
