using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Actors.Supervision.Pools;
using Actors.Tests;

namespace Actors.Supervision.Tests.Pools;

public class WorkerPoolTests
{
    [Fact]
    public async Task AWorkerWhoseCallThrewIsReplacedWhenItsCheckoutIsReleased()
    {
        await using var h = new PoolHarness(new WorkerPoolOptions { MaxWorkers = 1 });
        int first;
        await using (var checkout = await h.Pool.CheckoutAsync().AsTask().WithinAsync("a checkout"))
        {
            first = checkout.Worker.Id;
            await Assert.ThrowsAsync<InvalidOperationException>(() => checkout.CallAsync<int>((_, _) => throw new InvalidOperationException("boom")).AsTask());
            Assert.Equal(first, await checkout.CallAsync(w => w.Id).AsTask().WithinAsync("a call after the error"));
        }

        var second = await h.WorkerIdOfNextCheckout();

        Assert.NotEqual(first, second);
        await h.Worker(first).Disposed.Task.WithinAsync("the replaced worker's disposal");
        Assert.Equal(1, h.Pool.Counts.Replaced);
    }

    [Fact]
    public async Task KeepWorkerPolicyReturnsAWorkerWhoseCallThrewToThePool()
    {
        await using var h = new PoolHarness(new WorkerPoolOptions { MaxWorkers = 1, OnCallError = CallErrorPolicy.KeepWorker });
        int first;
        await using (var checkout = await h.Pool.CheckoutAsync().AsTask().WithinAsync("a checkout"))
        {
            first = checkout.Worker.Id;
            await Assert.ThrowsAsync<InvalidOperationException>(() => checkout.CallAsync<int>((_, _) => throw new InvalidOperationException("boom")).AsTask());
        }

        Assert.Equal(first, await h.WorkerIdOfNextCheckout());
        Assert.False(h.Worker(first).Disposed.Task.IsCompleted);
        Assert.Equal(0, h.Pool.Counts.Replaced);
    }

    [Fact]
    public async Task AWorkerIsRecycledAfterMaxCheckouts()
    {
        await using var h = new PoolHarness(new WorkerPoolOptions { MaxWorkers = 1, MaxCheckouts = 2 });

        var ids = new[] { await h.WorkerIdOfNextCheckout(), await h.WorkerIdOfNextCheckout(), await h.WorkerIdOfNextCheckout() };

        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[1], ids[2]);
        await h.Worker(ids[0]).Disposed.Task.WithinAsync("the recycled worker's disposal");
        Assert.Equal(1, h.Pool.Counts.Recycled);
    }

    [Fact]
    public async Task ASetupErrorReachesTheCallerAndTheNextCheckoutGetsAFreshWorker()
    {
        await using var h = new PoolHarness(new WorkerPoolOptions { MaxWorkers = 1 }, (id, _) =>
            id == 1 ? throw new InvalidOperationException("no database") : ValueTask.FromResult<NumberedWorker?>(new NumberedWorker(id)));

        var error = await Assert.ThrowsAsync<WorkerSetupException>(() => h.Pool.CheckoutAsync().AsTask().WithinAsync("the failed checkout"));
        var next = await h.WorkerIdOfNextCheckout();

        Assert.Equal("no database", Assert.IsType<InvalidOperationException>(error.InnerException).Message);
        Assert.Contains("/app/pool", error.Message);
        Assert.Equal(2, next);
        Assert.Equal(1, h.Pool.Counts.SetupFailures);
        Assert.DoesNotContain(h.Test.Logs, e => e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task ASurgeOf100CheckoutsOn5WorkersCompletesEachWithTheRightReply()
    {
        await using var h = new PoolHarness(new WorkerPoolOptions { MaxWorkers = 5 });

        var replies = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            await using var checkout = await h.Pool.CheckoutAsync();
            return await checkout.CallAsync(async (w, ct) =>
            {
                await Task.Yield();
                return (Request: i, Reply: i * 2, Worker: w.Id);
            });
        })).WithinAsync("100 checkouts");

        Assert.All(replies, r => Assert.Equal(r.Request * 2, r.Reply));
        Assert.Equal(Enumerable.Range(0, 100), replies.Select(r => r.Request));
        Assert.InRange(h.Created.Count, 1, 5);
        var counts = h.Pool.Counts;
        Assert.Equal(100, counts.Checkouts);
        Assert.Equal(0, counts.Waiting);
        Assert.Equal(0, counts.CheckedOut);
    }

    [Fact]
    public async Task WaitingCheckoutsAreServedFirstComeFirstServed()
    {
        await using var h = new PoolHarness(new WorkerPoolOptions { MaxWorkers = 1 });
        var held = await h.Pool.CheckoutAsync().AsTask().WithinAsync("the first checkout");
        var order = new List<int>();
        var waiting = Enumerable.Range(1, 3).Select(async i =>
        {
            await using var checkout = await h.Pool.CheckoutAsync();
            lock (order) order.Add(i);
        }).ToList();
        await TestWaits.UntilAsync(() => h.Pool.Counts.Waiting == 3, "three checkouts wait");

        await held.DisposeAsync();
        await Task.WhenAll(waiting).WithinAsync("the waiting checkouts");

        Assert.Equal([1, 2, 3], order);
    }

    [Fact]
    public async Task WorkersAreChildTasksOfThePoolLabelledWithTheirCheckoutsAndRestarts()
    {
        await using var h = new PoolHarness(new WorkerPoolOptions { MaxWorkers = 1, MaxCheckouts = 1 });
        await h.WorkerIdOfNextCheckout();
        await using var checkout = await h.Pool.CheckoutAsync().AsTask().WithinAsync("a checkout");

        var worker = h.Test.System.Snapshot().Tasks.Single(t => t.Path == "/app/pool/worker-1" && t.State == ActorTaskState.Running);

        Assert.Equal("/app/pool/worker-1", checkout.WorkerPath);
        Assert.Equal("worker 1, checkouts 1", worker.Label);
        Assert.Equal(1, worker.Restarts);
        Assert.Equal(1, checkout.WorkerNumber);
    }

    [Fact]
    public async Task StoppingThePoolFailsWaitingCheckoutsAndDisposesItsWorkers()
    {
        await using var h = new PoolHarness(new WorkerPoolOptions { MaxWorkers = 1 });
        var held = await h.Pool.CheckoutAsync().AsTask().WithinAsync("a checkout");
        var waiting = h.Pool.CheckoutAsync().AsTask();
        await TestWaits.UntilAsync(() => h.Pool.Counts.Waiting == 1, "a checkout waits");

        await h.Pool.DisposeAsync().AsTask().WithinAsync("the pool's stop");

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WithinAsync("the waiting checkout"));
        await held.Worker.Disposed.Task.WithinAsync("the worker's disposal");
        await Assert.ThrowsAsync<WorkerFaultException>(() => held.CallAsync(w => w.Id).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => h.Pool.CheckoutAsync().AsTask());
        await held.DisposeAsync();
    }

    [Fact]
    public async Task PoolEventsAreCountedOnTheActorsSupervisionMeterAndLogged()
    {
        var name = "metered-" + Guid.NewGuid().ToString("N");
        var seen = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == SupervisionTelemetry.MeterName) l.EnableMeasurementEvents(instrument); },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "actors.pool.name" && (string?)tag.Value == name)
                    seen.AddOrUpdate(instrument.Name, value, (_, v) => v + value);
        });
        listener.Start();
        await using var h = new PoolHarness(new WorkerPoolOptions { MaxWorkers = 1 }, name: name);

        await using (var checkout = await h.Pool.CheckoutAsync().AsTask().WithinAsync("a checkout"))
            await Assert.ThrowsAsync<InvalidOperationException>(() => checkout.CallAsync<int>((_, _) => throw new InvalidOperationException("boom")).AsTask());
        await h.WorkerIdOfNextCheckout();
        await TestWaits.UntilAsync(() => seen.GetValueOrDefault("actors.pool.workers.destroyed") == 1, "the replaced worker is counted destroyed");

        Assert.Equal(2, seen.GetValueOrDefault("actors.pool.workers.created"));
        Assert.Equal(1, seen.GetValueOrDefault("actors.pool.workers.replaced"));
        Assert.Equal(2, seen.GetValueOrDefault("actors.pool.checkouts"));
        Assert.Contains(h.Test.Logs, e => e.Path == $"/app/{name}/worker-1" && e.Message.Contains("replaced after a call error"));
    }
}
