using System.Collections.Concurrent;

namespace Actors.Tests;

public class ConcurrencyLimitTests
{
    [Fact]
    public async Task ByDefaultOneTaskRunsAtATimeInTheOrderTheyAskedToStart()
    {
        await using var t = new TestSystem();
        var limit = new ConcurrencyLimit();
        Assert.Equal(1, limit.Limit);
        var work = new Work(3);

        var runs = Enumerable.Range(0, 3).Select(i => limit.RunAsync(t.System.Root, work.Body(i))).ToArray();
        await work.Entered[0].Task.WithinAsync("the first task");
        Assert.False(runs[1].IsCompleted);
        Assert.False(runs[2].IsCompleted);
        Assert.Equal(1, limit.Running);
        Assert.Equal(2, limit.Waiting);

        work.Gates[0].SetResult();
        await work.Entered[1].Task.WithinAsync("the second task");
        Assert.False(runs[2].IsCompleted);
        work.Gates[1].SetResult();
        await work.Entered[2].Task.WithinAsync("the third task");
        work.Gates[2].SetResult();
        foreach (var run in runs) await (await run.WithinAsync("a start")).Completion.WithinAsync("a task");

        Assert.Equal([0, 1, 2], work.StartOrder);
        Assert.Equal(1, work.MaxRunning);
        await TestWaits.UntilAsync(() => limit.Running == 0, "every slot released");
    }

    [Fact]
    public async Task ALimitOfTwoRunsTwoAtOnce()
    {
        await using var t = new TestSystem();
        var limit = new ConcurrencyLimit(2);
        var work = new Work(3);

        var runs = Enumerable.Range(0, 3).Select(i => limit.RunAsync(t.System.Root, work.Body(i))).ToArray();
        await work.Entered[0].Task.WithinAsync("the first task");
        await work.Entered[1].Task.WithinAsync("the second task, alongside the first");
        Assert.False(runs[2].IsCompleted);
        Assert.Equal(2, limit.Running);
        Assert.Equal(1, limit.Waiting);

        work.Gates[1].SetResult();
        await work.Entered[2].Task.WithinAsync("the third task, once a slot freed");
        work.Gates[0].SetResult();
        work.Gates[2].SetResult();
        foreach (var run in runs) await (await run.WithinAsync("a start")).Completion.WithinAsync("a task");

        Assert.Equal(2, work.MaxRunning);
    }

    [Fact]
    public async Task RaisingTheLimitStartsWaitingTasksAtOnce()
    {
        await using var t = new TestSystem();
        var limit = new ConcurrencyLimit(1);
        var work = new Work(3);

        var runs = Enumerable.Range(0, 3).Select(i => limit.RunAsync(t.System.Root, work.Body(i))).ToArray();
        await work.Entered[0].Task.WithinAsync("the first task");
        Assert.Equal(2, limit.Waiting);
        limit.Limit = 3;

        await work.Entered[1].Task.WithinAsync("the second task");
        await work.Entered[2].Task.WithinAsync("the third task");
        var first = await runs[0].WithinAsync("the first start");
        Assert.False(first.IsFinished);   // nobody had to finish for them to start
        Assert.Equal(3, limit.Running);
        Assert.Equal(0, limit.Waiting);
        foreach (var gate in work.Gates) gate.SetResult();
    }

    [Fact]
    public async Task LoweringTheLimitLetsRunningTasksFinishBeforeNewOnesStart()
    {
        await using var t = new TestSystem();
        var limit = new ConcurrencyLimit(3);
        var work = new Work(4);

        var runs = Enumerable.Range(0, 4).Select(i => limit.RunAsync(t.System.Root, work.Body(i))).ToArray();
        for (var i = 0; i < 3; i++) await work.Entered[i].Task.WithinAsync("a running task");
        Assert.Equal(1, limit.Waiting);
        limit.Limit = 1;
        Assert.Equal(3, limit.Running);   // nothing running is stopped

        work.Gates[0].SetResult();
        await TestWaits.UntilAsync(() => limit.Running == 2, "the first slot freed");
        Assert.False(runs[3].IsCompleted);
        work.Gates[1].SetResult();
        await TestWaits.UntilAsync(() => limit.Running == 1, "the second slot freed");
        Assert.False(runs[3].IsCompleted);
        Assert.Equal(1, limit.Waiting);
        work.Gates[2].SetResult();

        await work.Entered[3].Task.WithinAsync("the waiting task, once the running ones finished");
        Assert.Equal(1, limit.Running);
        work.Gates[3].SetResult();
        await (await runs[3].WithinAsync("the last start")).Completion.WithinAsync("the last task");
    }

    [Fact]
    public async Task CancellingAWaitingStartThrowsAndDoesNotLeakItsSlot()
    {
        await using var t = new TestSystem();
        var limit = new ConcurrencyLimit();
        var work = new Work(2);
        var first = await limit.RunAsync(t.System.Root, work.Body(0)).WithinAsync("the first start");
        using var cts = new CancellationTokenSource();

        var waiting = limit.RunAsync(t.System.Root, work.Body(1), cancellationToken: cts.Token);
        Assert.Equal(1, limit.Waiting);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WithinAsync("the cancelled start"));
        Assert.Equal(0, limit.Waiting);
        Assert.Equal(1, limit.Running);
        Assert.False(work.Entered[1].Task.IsCompleted);

        work.Gates[0].SetResult();
        await first.Completion.WithinAsync("the first task");
        await TestWaits.UntilAsync(() => limit.Running == 0, "the slot freed");
        var next = limit.RunAsync(t.System.Root, ctx => Task.CompletedTask);
        Assert.True(next.IsCompleted);   // a free slot is taken without waiting
        await (await next).Completion.WithinAsync("the next task");
        Assert.False(work.Entered[1].Task.IsCompleted);
    }

    [Fact]
    public async Task TasksStartedThroughALimitLandInItsGroup()
    {
        await using var t = new TestSystem();
        var group = new TaskGroup(t.System.Root);
        var limit = new ConcurrencyLimit(2, group);
        var work = new Work(4);

        var runs = Enumerable.Range(0, 4).Select(i => limit.RunAsync(t.System.Root, work.Body(i))).ToArray();
        var running = new[] { await runs[0].WithinAsync("the first start"), await runs[1].WithinAsync("the second start") };
        Assert.Equal(running, group.Tasks);   // members while they run
        foreach (var gate in work.Gates) gate.SetResult();
        var started = new List<ActorTask>();
        foreach (var run in runs) started.Add(await run.WithinAsync("a start"));
        await group.WaitAllAsync().WithinAsync("the group");

        Assert.Empty(group.Tasks);   // every member finished and left the group
        Assert.All(started, task => Assert.Equal(ActorTaskState.Completed, task.State));
        Assert.True(work.MaxRunning <= 2, $"{work.MaxRunning} ran at once");
    }

    [Fact]
    public async Task RunAsyncGivesTheTasksResult()
    {
        await using var t = new TestSystem();
        var limit = new ConcurrencyLimit();
        var task = await limit.RunAsync(t.System.Root, ctx => Task.FromResult(42)).WithinAsync("the start");
        Assert.Equal(42, await task.Completion.WithinAsync("the result"));
    }

    /// <summary>Bodies that record when they start and wait for their own gate.</summary>
    private sealed class Work
    {
        private readonly Lock _sync = new();
        private readonly ConcurrentQueue<int> _startOrder = new();
        private int _running, _maxRunning;

        public Work(int count)
        {
            Entered = Enumerable.Range(0, count).Select(_ => Signal.New()).ToArray();
            Gates = Enumerable.Range(0, count).Select(_ => Signal.New()).ToArray();
        }

        public TaskCompletionSource[] Entered { get; }

        public TaskCompletionSource[] Gates { get; }

        public int[] StartOrder => [.. _startOrder];

        public int MaxRunning
        {
            get { lock (_sync) return _maxRunning; }
        }

        public Func<ActorContext, Task> Body(int i) => async ctx =>
        {
            lock (_sync) _maxRunning = Math.Max(_maxRunning, ++_running);
            _startOrder.Enqueue(i);
            Entered[i].SetResult();
            try
            {
                await Gates[i].Task.WaitAsync(ctx.Cancellation);
            }
            finally
            {
                lock (_sync) _running--;
            }
        };
    }
}
