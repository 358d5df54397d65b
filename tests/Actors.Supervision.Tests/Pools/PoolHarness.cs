using System.Collections.Concurrent;
using Actors.Supervision.Pools;
using Actors.Tests;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Supervision.Tests.Pools;

/// <summary>An in-process worker that knows its creation order and signals its disposal.</summary>
public sealed class NumberedWorker(int id) : IAsyncDisposable
{
    public int Id { get; } = id;

    public TaskCompletionSource Disposed { get; } = Signal.New();

    public ValueTask DisposeAsync()
    {
        Disposed.TrySetResult();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A test system (with fake time) and a pool of numbered workers under a long-lived parent task.</summary>
public sealed class PoolHarness : IAsyncDisposable
{
    private int _next;

    public PoolHarness(WorkerPoolOptions? options = null, Func<int, CancellationToken, ValueTask<NumberedWorker?>>? factory = null, string name = "pool")
    {
        Test = new TestSystem(o => o.TimeProvider = Time);
        Parent = Test.System.RunWithMailbox<string>(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation),
            new SpawnOptions { Name = "app", Timeout = Timeout.InfiniteTimeSpan }).ActorTask;
        factory ??= (id, _) => ValueTask.FromResult<NumberedWorker?>(new NumberedWorker(id));
        Pool = WorkerPool.Start<NumberedWorker>(Parent, name, async ct =>
        {
            var worker = await factory(Interlocked.Increment(ref _next), ct);
            if (worker is not null) Created.Enqueue(worker);
            return worker!;
        }, options);
    }

    public FakeTimeProvider Time { get; } = new();

    public TestSystem Test { get; }

    public ActorTask Parent { get; }

    public WorkerPool<NumberedWorker> Pool { get; }

    public ConcurrentQueue<NumberedWorker> Created { get; } = new();

    /// <summary>Checks out, runs one call that returns the worker's id, releases.</summary>
    public async Task<int> WorkerIdOfNextCheckout()
    {
        await using var checkout = await Pool.CheckoutAsync().AsTask().WithinAsync("a checkout");
        return await checkout.CallAsync(w => w.Id).AsTask().WithinAsync("a call");
    }

    public NumberedWorker Worker(int id) => Created.Single(w => w.Id == id);

    public ValueTask DisposeAsync() => Test.DisposeAsync();
}
