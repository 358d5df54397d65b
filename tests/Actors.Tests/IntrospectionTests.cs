using Microsoft.Extensions.Time.Testing;

namespace Actors.Tests;

public class IntrospectionTests
{
    [Fact]
    public async Task ASnapshotCountsTheMessagesEachHandlerHasHandled()
    {
        await using var t = new TestSystem();
        var handled = 0;
        var done = Signal.New();
        var busy = t.System.Spawn<int>((_, m) =>
        {
            if (++handled == 1000) done.SetResult();
            return ValueTask.CompletedTask;
        }, new SpawnOptions { Name = "busy" });
        var idle = t.System.Spawn<int>((_, _) => ValueTask.CompletedTask, new SpawnOptions { Name = "idle" });
        var process = t.System.Run(c => Task.Delay(Timeout.Infinite, c.Cancellation), new SpawnOptions { Name = "process" });
        for (var i = 0; i < 1000; i++) busy.Tell(i);
        await done.Task.WithinAsync("1000 messages handled");

        await TestWaits.UntilAsync(() => t.System.Snapshot().Tasks.Single(x => x.Path == "/busy").MessagesHandled == 1000, "the turn that handled the last message to end");
        var snapshot = t.System.Snapshot();
        Assert.Equal(0, snapshot.Tasks.Single(x => x.Path == "/idle").MessagesHandled);
        Assert.Equal(0, snapshot.Tasks.Single(x => x.Path == "/process").MessagesHandled);
        Assert.Equal(0, snapshot.Tasks[0].MessagesHandled);
    }

    [Fact]
    public async Task ASnapshotListsEveryTaskWithItsPathDepthNameLabelKindStateLifetimeAgeAndMailboxDepth()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var ready = Signal.New<(IActorRef<int> Inbox, ActorTask Worker, ActorTask Background, ActorTask Later)>();
        var inboxBusy = Signal.New();
        var release = Signal.New();
        var server = t.System.Run(async ctx =>
        {
            var inbox = ctx.Spawn<int>(async (c, m) =>
            {
                if (m != 0) return;
                inboxBusy.SetResult();
                await release.Task.WaitAsync(c.Cancellation);
            }, new SpawnOptions { Name = "inbox", Label = "requests" });
            var worker = ctx.Run(c => Task.Delay(Timeout.Infinite, c.Cancellation));
            var background = ctx.Run(c => Task.Delay(Timeout.Infinite, c.Cancellation), new SpawnOptions { Name = "background", Lifetime = ActorLifetime.Transient });
            var later = ctx.Run(c => Task.CompletedTask, new SpawnOptions { Name = "later", Start = StartMode.Manual });
            ready.SetResult((inbox, worker, background, later));
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        }, new SpawnOptions { Name = "server", Label = "main server" });
        var (inbox, worker, background, later) = await ready.Task.WithinAsync("the children");
        for (var i = 0; i <= 5; i++) inbox.Tell(i);
        await inboxBusy.Task.WithinAsync("the inbox busy with its first message");
        await TestWaits.UntilAsync(() => worker.State == ActorTaskState.Running && background.State == ActorTaskState.Running, "the processes to start");
        time.Advance(TimeSpan.FromSeconds(5));

        var snapshot = t.System.Snapshot();

        Assert.Equal(["/", "/server", "/server/inbox", worker.Path, "/server/background", "/server/later"], snapshot.Tasks.Select(i => i.Path));
        Assert.Equal(5, snapshot.Total);
        var root = snapshot.Tasks[0];
        Assert.Equal(0, root.Depth);
        Assert.Equal(ActorBodyKind.Root, root.Kind);

        var info = snapshot.Tasks.ToDictionary(i => i.Path);
        var s = info["/server"];
        Assert.Equal((1, "server", "main server", ActorBodyKind.Process, ActorTaskState.Running, false, false), (s.Depth, s.Name, s.Label, s.Kind, s.State, s.IsTransient, s.IsStopping));
        var box = info["/server/inbox"];
        Assert.Equal((2, "inbox", "requests", ActorBodyKind.Handler, ActorTaskState.Running, false), (box.Depth, box.Name, box.Label, box.Kind, box.State, box.IsTransient));
        Assert.True(box.MailboxDepth >= 4, $"mailbox depth {box.MailboxDepth}");
        Assert.Equal(5, box.MailboxDepth);
        var w = info[worker.Path];
        Assert.StartsWith("/server/$", w.Path);
        Assert.Null(w.Name);
        Assert.Null(w.Label);
        Assert.Equal((2, ActorBodyKind.Process, ActorTaskState.Running), (w.Depth, w.Kind, w.State));
        Assert.True(info["/server/background"].IsTransient);
        Assert.Equal(ActorTaskState.Initialized, info["/server/later"].State);
        Assert.All(snapshot.Tasks, i =>
        {
            Assert.Equal(TimeSpan.FromSeconds(5), i.Age);
            Assert.Null(i.LastFailure);
            Assert.Equal(0, i.Restarts);
        });

        Assert.Equal(4, snapshot.Counts[ActorTaskState.Running]);
        Assert.Equal(1, snapshot.Counts[ActorTaskState.Initialized]);
        Assert.Equal(0, snapshot.Counts[ActorTaskState.Failed]);
        Assert.Equal(snapshot.Total, snapshot.Counts.Values.Sum());
        Assert.Same(server, t.System.Find("/server"));
    }

    [Fact]
    public async Task ASnapshotShowsATaskThatIsStoppingButStillCleaningUp()
    {
        await using var t = new TestSystem();
        var cleaning = Signal.New();
        var release = Signal.New();
        var running = Signal.New();
        var task = t.System.Run(async ctx =>
        {
            try
            {
                running.SetResult();
                await Task.Delay(Timeout.Infinite, ctx.Cancellation);
            }
            finally
            {
                cleaning.SetResult();
                await release.Task;
            }
        }, new SpawnOptions { Name = "slow" });

        await running.Task.WithinAsync("the body");
        var stop = task.StopAsync();
        await cleaning.Task.WithinAsync("the cleanup");
        var info = Assert.Single(t.System.Snapshot().Tasks, i => i.Path == "/slow");

        Assert.True(info.IsStopping);
        Assert.Equal(ActorTaskState.Running, info.State);
        release.SetResult();
        await stop.WithinAsync("the stop");
        Assert.DoesNotContain(t.System.Snapshot().Tasks, i => i.Path == "/slow");
    }

    [Fact]
    public async Task AFailedTaskWithNoLiveChildrenLeavesTheTree()
    {
        await using var t = new TestSystem();
        var task = t.System.Run(ctx => Task.FromException(new InvalidOperationException("boom")), new SpawnOptions { Name = "doomed" });
        await task.WhenFinishedAsync().WithinAsync("the failure");

        var snapshot = t.System.Snapshot();

        Assert.Equal(ActorTaskState.Failed, task.State);
        Assert.DoesNotContain(snapshot.Tasks, i => i.Path == "/doomed");
        Assert.Equal(0, snapshot.Counts[ActorTaskState.Failed]);
        Assert.Null(t.System.Find("/doomed"));
    }

    [Fact]
    public async Task AFailedTaskStillHoldingALiveChildShowsItsLastFailure()
    {
        await using var t = new TestSystem();
        var child = new SlowCleanup();
        var (childRunning, stopping, releaseChild) = (child.Started, child.InFinally, child.Release);
        var fail = Signal.New();
        var parent = t.System.Run(async ctx =>
        {
            _ = ctx.Run(child.Body, new SpawnOptions { Name = "slow" });
            await fail.Task;
            throw new InvalidOperationException("disk full");
        }, new SpawnOptions { Name = "parent" });

        await childRunning.Task.WithinAsync("the child");
        fail.SetResult();
        await stopping.Task.WithinAsync("the failed body stopping its child");
        ActorTask? late = null;
        try
        {
            late = parent.Run(c => Task.Delay(Timeout.Infinite, c.Cancellation), new SpawnOptions { Name = "late" });
        }
        catch (InvalidOperationException)
        {
            // A kernel that refuses children once the body has ended leaves nothing to show.
        }
        releaseChild.SetResult();
        await parent.WhenFinishedAsync().WithinAsync("the parent becoming final");
        if (late is null) return;   // nothing stays behind to show

        var info = Assert.Single(t.System.Snapshot().Tasks, i => i.Path == "/parent");
        Assert.Equal(ActorTaskState.Failed, info.State);
        Assert.Equal("InvalidOperationException: disk full", info.LastFailure);
    }

    [Fact]
    public async Task ASnapshotCountsHandledMessagesAndDeadLetters()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<int>((ctx, m) => ValueTask.CompletedTask);
        for (var i = 0; i < 10; i++) actor.Tell(i);
        actor.Complete();
        await actor.ActorTask.Completion.WithinAsync("the actor draining");
        actor.Tell(99);

        await TestWaits.UntilAsync(() => t.System.Snapshot().MessagesHandled >= 10, "ten messages counted");
        var snapshot = t.System.Snapshot();
        Assert.Equal(10, snapshot.MessagesHandled);
        Assert.Equal(1, snapshot.DeadLetters);
        Assert.Equal(0, snapshot.Total);
    }

    [Fact]
    public async Task FindLooksUpLiveTasksByPathIncludingAnonymousOnes()
    {
        await using var t = new TestSystem();
        var ready = Signal.New<ActorTask>();
        var parent = t.System.Run(async ctx =>
        {
            ready.SetResult(ctx.Run(c => Task.Delay(Timeout.Infinite, c.Cancellation)));
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        }, new SpawnOptions { Name = "parent" });
        var child = await ready.Task.WithinAsync("the anonymous child");

        Assert.Same(parent, t.System.Find("/parent"));
        Assert.Same(child, t.System.Find(child.Path));
        Assert.Same(t.System.Root, t.System.Find("/"));
        Assert.Null(t.System.Find("/parent/nobody"));
        Assert.Null(t.System.Find("/nobody"));
    }

    [Fact]
    public async Task StopTaskAsyncStopsATaskByItsPath()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<int>((ctx, m) => ValueTask.CompletedTask, new SpawnOptions { Name = "target" });

        Assert.True(await t.System.StopTaskAsync("/target").WithinAsync("the stop by path"));

        Assert.Equal(ActorTaskState.Stopped, actor.ActorTask.State);
        Assert.Equal("/target", actor.ActorTask.StopCause?.Source);
        Assert.False(await t.System.StopTaskAsync("/target").WithinAsync("a stop of a path nobody holds"));
        await Assert.ThrowsAsync<ArgumentException>(() => t.System.StopTaskAsync("/"));
    }
}
