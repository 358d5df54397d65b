using Actors.Supervision.Pools;
using Actors.Tests;

namespace Actors.Supervision.Tests.Pools;

/// <summary>Regression tests for the pool items of issue 7 (11 and 12).</summary>
public class PoolDefectTests
{
    private static readonly TimeSpan HungTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A caller that releases its checkout as soon as its call fails, on whatever thread that happens (no context).</summary>
    private static async Task UseAndReleaseAsync(WorkerPool<NumberedWorker> pool, TaskCompletionSource started)
    {
        var checkout = await pool.CheckoutAsync().ConfigureAwait(false);
        await using (checkout.ConfigureAwait(false))
        {
            await checkout.CallAsync((_, _) =>
            {
                started.TrySetResult();
                return new ValueTask<int>(new TaskCompletionSource<int>().Task);   // never answers
            }).ConfigureAwait(false);
        }
    }

    [Fact]
    public async Task Item11_AHungWorkerReleasedAtOnceByItsCaller_IsDestroyed_NotHandedOutAgain()
    {
        for (var round = 0; round < 20; round++)
        {
            await using var h = new PoolHarness(new WorkerPoolOptions { MaxWorkers = 1, HungWorkerTimeout = HungTimeout });
            var first = await h.WorkerIdOfNextCheckout();
            var started = Signal.New();
            var use = UseAndReleaseAsync(h.Pool, started);
            await started.Task.WithinAsync("the call to start");

            h.Time.Advance(HungTimeout);   // the hung timer fires here, and the caller's release runs inline

            await Assert.ThrowsAsync<WorkerHungException>(() => use.WithinAsync("the hung call"));
            await h.Worker(first).Disposed.Task.WithinAsync("the hung worker to be destroyed");
            Assert.NotEqual(first, await h.WorkerIdOfNextCheckout());
        }
    }

    [Fact]
    public async Task Item12_ABlockingCallPastTheHungTimeoutFails_EvenWhenTheTimerCannotRun()
    {
        var time = new StalledClock();   // the hung timer never gets to run, as on a starved thread pool
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var pool = WorkerPool.Start(t.System, "pool", _ => ValueTask.FromResult(new object()),
            new WorkerPoolOptions { MaxWorkers = 1, HungWorkerTimeout = TimeSpan.FromMilliseconds(100) });
        for (var round = 0; round < 5; round++)
        {
            var checkout = await pool.CheckoutAsync().AsTask().WithinAsync("a checkout");
            await using (checkout)
            {
                var late = checkout.CallAsync(_ =>
                {
                    time.Advance(TimeSpan.FromMilliseconds(500));   // the call blocks its thread past the deadline
                    return 1;
                });
                await Assert.ThrowsAsync<WorkerHungException>(() => late.AsTask().WithinAsync("the late call"));
                Assert.IsType<WorkerHungException>(checkout.Fault);
            }
            var onTime = await pool.CheckoutAsync().AsTask().WithinAsync("a checkout");
            await using (onTime) Assert.Equal(2, await onTime.CallAsync(_ => 2).AsTask().WithinAsync("a call on time"));
        }
    }

    /// <summary>A clock that moves only when told and whose timers never fire.</summary>
    private sealed class StalledClock : TimeProvider
    {
        private long _ticks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

        public override long GetTimestamp() => Volatile.Read(ref _ticks);

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddTicks(GetTimestamp());

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverTimer();

        private sealed class NeverTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose() { }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
