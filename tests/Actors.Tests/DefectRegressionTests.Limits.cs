using System.Runtime.CompilerServices;
using Actors.Internal;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Tests;

public sealed partial class DefectRegressionTests
{
    private static readonly TimeSpan TimerMax = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
    private static readonly TimeSpan SixtyDays = TimeSpan.FromDays(60);

    [Fact]
    public async Task Item07_TimeoutsAboveTheTimerMaximumAreRejectedAtTheCallWithAMessage()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<Ask>((ctx, m) => ValueTask.CompletedTask);

        var spawn = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = t.System.Run(_ => Task.CompletedTask, new SpawnOptions { Timeout = SixtyDays }); });
        Assert.Contains("InfiniteTimeSpan", spawn.Message);
        var ask = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = actor.AskAsync<int>(r => new Ask(1, r), SixtyDays); });
        Assert.Contains("InfiniteTimeSpan", ask.Message);
        var options = Assert.Throws<ArgumentOutOfRangeException>(() => new ActorSystem(new ActorSystemOptions { TaskTimeout = SixtyDays }));
        Assert.Contains("InfiniteTimeSpan", options.Message);

        var timers = t.System.RunWithMailbox<int>(async ctx =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => ctx.Timers.Once("late", SixtyDays, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => ctx.Timers.Periodic("slow", SixtyDays, 1));
            Assert.False(ctx.Timers.IsActive("late"));
            ctx.Timers.Once("max", TimerMax, 1);   // the maximum itself is fine
            Assert.True(ctx.Timers.IsActive("max"));
            await Task.Yield();
        });
        await timers.ActorTask.Completion.WithinAsync("the timer checks");

        var atMax = t.System.Run(_ => Task.FromResult(7), new SpawnOptions { Timeout = TimerMax });
        Assert.Equal(7, await atMax.Completion.WithinAsync("a task with the maximum timeout"));
        Assert.Equal(ActorTaskState.Completed, atMax.State);
    }

    [Fact]
    public async Task Item07_StopAsyncWithSixtyDaysIsRejectedBeforeTheStopBegins()
    {
        var system = new ActorSystem(new ActorSystemOptions());
        var task = system.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation));
        await TestWaits.UntilAsync(() => task.State == ActorTaskState.Running, "the task to run");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = system.StopAsync(SixtyDays); });
        Assert.Contains("InfiniteTimeSpan", error.Message);
        Assert.Equal(ActorTaskState.Running, task.State);

        await Promptly(system.StopAsync(TimeSpan.FromSeconds(10)), "a valid stop afterwards");
        Assert.Equal(ActorTaskState.Stopped, task.State);
    }

    [Fact]
    public async Task Item07_ExtendingASectionByMaxValueDoesNotOverflowAndInfiniteIsAccepted()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var extended = Signal.New();
        var release = Signal.New();
        var task = t.System.Run(ctx => ctx.WithTimeoutAsync(TimeSpan.FromSeconds(1), async scope =>
        {
            scope.Extend(TimeSpan.MaxValue);
            extended.SetResult();
            await release.Task.WaitAsync(scope.Token);
            Assert.False(scope.TimedOut);
            Assert.True(scope.Remaining > TimeSpan.FromDays(1000) || scope.Remaining == Timeout.InfiniteTimeSpan);
        }), new SpawnOptions { Timeout = Timeout.InfiniteTimeSpan });
        await extended.Task.WithinAsync("the extension");
        time.Advance(TimeSpan.FromDays(100));
        release.SetResult();
        await task.Completion.WithinAsync("the section");

        var infinite = t.System.Run(ctx => ctx.WithTimeoutAsync(Timeout.InfiniteTimeSpan, scope =>
        {
            Assert.Equal(Timeout.InfiniteTimeSpan, scope.Duration);
            return Task.CompletedTask;
        }));
        await infinite.Completion.WithinAsync("an infinite section");
    }

    [Fact]
    public async Task Item08_AnAskWhoseRequestFactoryThrowsFaultsItsTaskAndDisarmsItsTimer()
    {
        var time = new TestTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var actor = t.System.Spawn<Ask>((ctx, m) => ValueTask.CompletedTask);
        var askTimeout = TimeSpan.FromSeconds(123);

        Task<int>? ask = null;
        var thrown = Record.Exception(() => { ask = actor.AskAsync<int>(_ => throw new FormatException("bad request"), askTimeout); });

        Assert.Null(thrown);
        await Assert.ThrowsAsync<FormatException>(() => ask!);
        Assert.Equal(0, time.ArmedCount(askTimeout));
    }

    [Fact]
    public async Task Item08_UnwatchingReleasesTheWatchEntry()
    {
        await using var t = new TestSystem();
        var watched = t.System.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation));
        var watcher = t.System.Spawn<object>((ctx, m) => ValueTask.CompletedTask);

        var notice = WatchAndUnwatch(watched, watcher);
        for (var i = 0; i < 3 && notice.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(notice.IsAlive, "the watched task still holds an unwatched notice");
        GC.KeepAlive(watched);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference WatchAndUnwatch(ActorTask watched, IActorRef<object> watcher)
    {
        var notice = new object();
        watched.Watch(watcher, notice).Dispose();
        return new WeakReference(notice);
    }

    [Fact]
    public void Item08_AMailboxRingShrinksOnceABurstIsDrained()
    {
        var channel = new CompactChannel<int>();
        for (var i = 0; i < 100_000; i++) Assert.True(channel.Writer.TryWrite(i));
        Assert.True(channel.RingCapacity >= 65_536);

        for (var i = 0; i < 100_000; i++) Assert.True(channel.Reader.TryRead(out _));
        Assert.False(channel.Reader.TryRead(out _));

        Assert.True(channel.RingCapacity <= 1024, $"an idle mailbox kept a ring of {channel.RingCapacity}");
        Assert.True(channel.Writer.TryWrite(1));
        Assert.True(channel.Reader.TryRead(out var item));
        Assert.Equal(1, item);
    }

    [Fact]
    public async Task Item08_ATaskGroupForgetsItsFinishedMembers()
    {
        await using var t = new TestSystem();
        var group = new TaskGroup(t.System.Root);

        var member = await RunMembersAsync(group, 1000);

        Assert.Empty(group.Tasks);
        Assert.Equal(0, group.Running);
        for (var i = 0; i < 3 && member.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(member.IsAlive, "the group still holds a finished member");
        GC.KeepAlive(group);
    }

    private static async Task<WeakReference> RunMembersAsync(TaskGroup group, int count)
    {
        var members = new List<WeakReference>();
        for (var i = 0; i < count; i++) members.Add(new WeakReference(group.Run(_ => Task.CompletedTask)));
        await group.WaitAllAsync().WithinAsync("every member");
        await TestWaits.UntilAsync(() => group.Running == 0, "every member to leave");
        return members[^1];
    }

    [Fact]
    public async Task Item09_AnAskWithAnAlreadyCancelledTokenIsNotDelivered()
    {
        await using var t = new TestSystem();
        var delivered = 0;
        var actor = t.System.Spawn<Ask>((ctx, m) =>
        {
            Interlocked.Increment(ref delivered);
            m.ReplyTo?.Reply(m.Value);
            return ValueTask.CompletedTask;
        });
        var built = false;

        var cancelled = actor.AskAsync<int>(r => { built = true; return new Ask(1, r); }, cancellationToken: new CancellationToken(canceled: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(built);
        Assert.Equal(2, await actor.AskAsync<int>(r => new Ask(2, r)).WithinAsync("a later ask"));
        Assert.Equal(1, Volatile.Read(ref delivered));
    }

    [Fact]
    public async Task Item09_TryTellOnAFullDropNewestMailboxReturnsFalse()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<Ask>((ctx, m) => ValueTask.CompletedTask, new SpawnOptions
        {
            Start = StartMode.Manual,
            Mailbox = MailboxOptions.Bounded(1, MailboxFullMode.DropNewest),
        });

        Assert.True(actor.TryTell(new Ask(1)));
        Assert.False(actor.TryTell(new Ask(2)));
        actor.Tell(new Ask(3));   // dropped too, without a throw
        Assert.Equal(2, t.System.DeadLetters.Count);
        Assert.Equal(1, actor.ActorTask.MailboxDepth);
    }

    [Fact]
    public async Task Item09_DisposingAnInnerDeferStopScopeTwiceKeepsTheOuterOneOpen()
    {
        await using var t = new TestSystem();
        var inOuter = Signal.New();
        var gate = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            using (ctx.DeferStop())
            {
                var inner = ctx.DeferStop();
                inner.Dispose();
                inner.Dispose();
                inOuter.SetResult();
                await gate.Task;
            }
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        });
        await inOuter.Task.WithinAsync("the outer scope");

        task.Stop();
        Assert.False(task.IsStopping, "the stop was applied inside the outer scope");

        gate.SetResult();
        await task.WhenFinishedAsync().WithinAsync("the deferred stop to apply");
        Assert.Equal(ActorTaskState.Stopped, task.State);
    }

    [Fact]
    public async Task Item10_PathReadsAndAsksTakeNoTreeLock()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<Ask>((ctx, m) =>
        {
            m.ReplyTo?.Reply(m.Value + 1);
            return ValueTask.CompletedTask;
        }, new SpawnOptions { Name = "echo" });
        var path = actor.ActorTask.Path;

        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new Thread(() =>
        {
            lock (t.System.TreeLock)
            {
                held.Set();
                release.Wait();
            }
        });
        holder.Start();
        held.Wait();
        try
        {
            var reply = Task.Run(() => actor.AskAsync<int>(r => new Ask(actor.ActorTask.Path.Length, r)));
            Assert.Equal(path.Length + 1, await Promptly(reply, "an ask while the tree lock is held"));
        }
        finally
        {
            release.Set();
            holder.Join();
        }
        Assert.Same(path, actor.ActorTask.Path);   // built once, not per read
    }

    [Fact]
    public async Task Item10_ACachedPathFollowsATransientTaskThatMovesUp()
    {
        await using var t = new TestSystem();
        var moved = Signal.New<ActorTask>();
        var gate = Signal.New();
        var parent = t.System.Run(async ctx =>
        {
            moved.SetResult(ctx.Run(c => Task.Delay(Timeout.Infinite, c.Cancellation), new SpawnOptions { Name = "mover", Lifetime = ActorLifetime.Transient }));
            await gate.Task;
        }, new SpawnOptions { Name = "parent" });
        var mover = await moved.Task.WithinAsync("the transient child");
        Assert.Equal("/parent/mover", mover.Path);
        gate.SetResult();
        await parent.WhenFinishedAsync().WithinAsync("the parent to finish");
        await TestWaits.UntilAsync(() => mover.Parent == t.System.Root, "the transient child to move up");
        Assert.Equal("/mover", mover.Path);
    }
}
