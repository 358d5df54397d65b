using System.Collections.Concurrent;

namespace Actors.Tests;

public class MailboxTests
{
    [Fact]
    public async Task MessagesFromOneSenderAreHandledInTheOrderSent()
    {
        await using var t = new TestSystem();
        const int count = 20_000;
        var seen = new List<int>();
        var done = Signal.New();
        var actor = t.System.Spawn<int>((ctx, m) =>
        {
            seen.Add(m);
            if (seen.Count == count) done.SetResult();
            return ValueTask.CompletedTask;
        });
        for (var i = 0; i < count; i++) actor.Tell(i);
        await done.Task.WithinAsync("every message");
        Assert.Equal(Enumerable.Range(0, count), seen);
    }

    [Fact]
    public async Task SeveralConcurrentSendersEachSeeTheirMessagesHandledInTheirOwnOrder()
    {
        await using var t = new TestSystem();
        const int senders = 4, perSender = 5_000;
        var last = Enumerable.Repeat(-1, senders).ToArray();   // touched only by the handler, one message at a time
        var outOfOrder = 0;
        var handled = 0;
        var done = Signal.New();
        var actor = t.System.Spawn<(int Sender, int Seq)>((ctx, m) =>
        {
            if (m.Seq != last[m.Sender] + 1) outOfOrder++;
            last[m.Sender] = m.Seq;
            if (++handled == senders * perSender) done.SetResult();
            return ValueTask.CompletedTask;
        });
        var go = Signal.New();
        var sending = Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
        {
            await go.Task;
            for (var i = 0; i < perSender; i++) actor.Tell((s, i));
        })).ToArray();
        go.SetResult();
        await Task.WhenAll(sending).WithinAsync("the senders");
        await done.Task.WithinAsync("every message");
        Assert.Equal(0, outOfOrder);
        Assert.All(last, seq => Assert.Equal(perSender - 1, seq));
    }

    [Fact]
    public async Task AStopOvertakesQueuedMessagesAndTheyBecomeDeadLetters()
    {
        await using var t = new TestSystem();
        var letters = new ConcurrentQueue<DeadLetter>();
        using var subscription = t.System.DeadLetters.Subscribe(letters.Enqueue);
        var handled = new ConcurrentQueue<int>();
        var busy = Signal.New();
        var release = Signal.New();
        var actor = t.System.Spawn<int>(async (ctx, m) =>
        {
            handled.Enqueue(m);
            if (m == 0)
            {
                busy.SetResult();
                await release.Task;
            }
        });
        actor.Tell(0);
        await busy.Task.WithinAsync("the first message in the handler");
        for (var i = 1; i <= 100; i++) actor.Tell(i);

        var stop = actor.ActorTask.StopAsync();
        Assert.True(actor.ActorTask.IsStopping);
        release.SetResult();
        await stop.WithinAsync("the stop");

        Assert.Equal([0], handled);
        Assert.Equal(ActorTaskState.Stopped, actor.ActorTask.State);
        Assert.Equal(100, t.System.DeadLetters.Count);
        Assert.Equal(Enumerable.Range(1, 100), letters.Select(l => (int)l.Message!));
        Assert.All(letters, l =>
        {
            Assert.Equal(DeadLetterReason.RecipientFinished, l.Reason);
            Assert.Same(actor.ActorTask, l.Recipient);
        });
    }

    [Fact]
    public async Task AFullWaitModeMailboxRefusesTellsAndLetsSendAsyncWaitForRoom()
    {
        await using var t = new TestSystem();
        var handled = new ConcurrentQueue<int>();
        var busy = Signal.New();
        var release = Signal.New();
        var last = Signal.New();
        var actor = t.System.Spawn<int>(async (ctx, m) =>
        {
            handled.Enqueue(m);
            if (m == 0)
            {
                busy.SetResult();
                await release.Task;
            }
            if (m == 3) last.SetResult();
        }, new SpawnOptions { Mailbox = MailboxOptions.Bounded(2) });
        actor.Tell(0);
        await busy.Task.WithinAsync("the first message in the handler");

        Assert.True(actor.TryTell(1));
        Assert.True(actor.TryTell(2));
        Assert.False(actor.TryTell(3));
        var full = Assert.Throws<MailboxFullException>(() => actor.Tell(3));
        Assert.Equal(2, full.Capacity);
        Assert.Equal(actor.ActorTask.Path, full.Path);
        var send = actor.SendAsync(3).AsTask();
        Assert.False(send.IsCompleted);

        release.SetResult();
        await send.WithinAsync("room in the mailbox");
        await last.Task.WithinAsync("the waited-for message");
        Assert.Equal([0, 1, 2, 3], handled);
        Assert.Equal(0, t.System.DeadLetters.Count);
    }

    [Fact]
    public async Task ADropNewestMailboxDropsTheArrivingMessagesToDeadLetters()
    {
        await using var t = new TestSystem();
        var letters = new ConcurrentQueue<DeadLetter>();
        using var subscription = t.System.DeadLetters.Subscribe(letters.Enqueue);
        var (actor, handled, release) = await SpawnBlockedAsync(t, MailboxOptions.Bounded(2, MailboxFullMode.DropNewest));

        for (var i = 1; i <= 2; i++) Assert.True(actor.TryTell(i));
        for (var i = 3; i <= 4; i++) Assert.False(actor.TryTell(i));   // dropped: not queued, so not a successful send
        actor.Tell(5);                                                 // dropped without a throw

        Assert.Equal([3, 4, 5], letters.Select(l => (int)l.Message!));
        Assert.All(letters, l => Assert.Equal(DeadLetterReason.MailboxFull, l.Reason));
        release.SetResult();
        await TestWaits.UntilAsync(() => handled.Count == 3, "the surviving messages handled");
        actor.Tell(6);
        await TestWaits.UntilAsync(() => handled.Count == 4, "a later message handled");
        Assert.Equal([0, 1, 2, 6], handled);
    }

    [Fact]
    public async Task ADropOldestMailboxDropsTheOldestQueuedMessagesToDeadLetters()
    {
        await using var t = new TestSystem();
        var letters = new ConcurrentQueue<DeadLetter>();
        using var subscription = t.System.DeadLetters.Subscribe(letters.Enqueue);
        var (actor, handled, release) = await SpawnBlockedAsync(t, MailboxOptions.Bounded(2, MailboxFullMode.DropOldest));

        for (var i = 1; i <= 4; i++) Assert.True(actor.TryTell(i));
        actor.Tell(5);

        Assert.Equal([1, 2, 3], letters.Select(l => (int)l.Message!));
        Assert.All(letters, l =>
        {
            Assert.Equal(DeadLetterReason.MailboxFull, l.Reason);
            Assert.Same(actor.ActorTask, l.Recipient);
        });
        release.SetResult();
        await TestWaits.UntilAsync(() => handled.Count == 3, "the surviving messages handled");
        Assert.Equal([0, 4, 5], handled);
        Assert.Equal(3, t.System.DeadLetters.Count);
    }

    [Fact]
    public async Task AFullFailModeMailboxMakesEverySendFail()
    {
        await using var t = new TestSystem();
        var (actor, handled, release) = await SpawnBlockedAsync(t, MailboxOptions.Bounded(1, MailboxFullMode.Fail));

        Assert.True(actor.TryTell(1));
        Assert.False(actor.TryTell(2));
        Assert.Throws<MailboxFullException>(() => actor.Tell(2));
        var sent = await Assert.ThrowsAsync<MailboxFullException>(() => actor.SendAsync(2).AsTask());
        Assert.Equal(1, sent.Capacity);

        release.SetResult();
        await TestWaits.UntilAsync(() => handled.Count == 2, "the queued message handled");
        Assert.Equal([0, 1], handled);
        Assert.Equal(ActorTaskState.Running, actor.ActorTask.State);
    }

    [Fact]
    public async Task AFloodedActorDoesNotStarveAnotherActor()
    {
        await using var t = new TestSystem(o => o.Throughput = 1);
        const int flood = 500_000;
        var floodHandled = 0;
        var otherRanAfter = Signal.New<int>();
        var drained = Signal.New();
        var other = t.System.Spawn<int>((ctx, m) =>
        {
            otherRanAfter.SetResult(Volatile.Read(ref floodHandled));
            return ValueTask.CompletedTask;
        });
        var flooded = t.System.Spawn<int>((ctx, m) =>
        {
            var n = Interlocked.Increment(ref floodHandled);
            if (n == 1) other.Tell(0);   // queued while the flood has barely started
            if (n == flood) drained.SetResult();
            return ValueTask.CompletedTask;
        }, new SpawnOptions { Start = StartMode.Manual });
        for (var i = 0; i < flood; i++) flooded.Tell(i);

        flooded.ActorTask.Start();
        var floodHandledWhenOtherRan = await otherRanAfter.Task.WithinAsync("the other actor's message");
        await drained.Task.WithinAsync("the flood drained");
        Assert.True(floodHandledWhenOtherRan < flood, $"the other actor ran only after the whole flood ({floodHandledWhenOtherRan} of {flood})");
    }

    [Fact]
    public async Task MessagesToAFinishedTaskGoToDeadLettersNamingTheRecipient()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<int>((ctx, m) => ValueTask.CompletedTask);
        actor.Complete();
        await actor.ActorTask.Completion.WithinAsync("the actor completing");
        var letters = new ConcurrentQueue<DeadLetter>();
        using var subscription = t.System.DeadLetters.Subscribe(letters.Enqueue);

        Assert.False(actor.TryTell(1));
        actor.Tell(2);
        await actor.SendAsync(3).AsTask().WithinAsync("a send to a finished task");

        Assert.Equal([1, 2, 3], letters.Select(l => (int)l.Message!));
        Assert.All(letters, l =>
        {
            Assert.Equal(DeadLetterReason.RecipientFinished, l.Reason);
            Assert.Same(actor.ActorTask, l.Recipient);
        });
        Assert.Equal(3, t.System.DeadLetters.Count);
    }

    [Fact]
    public async Task MessagesSentAfterCompleteGoToDeadLettersEvenWhileEarlierOnesAreStillQueued()
    {
        await using var t = new TestSystem();
        var letters = new ConcurrentQueue<DeadLetter>();
        using var subscription = t.System.DeadLetters.Subscribe(letters.Enqueue);
        var (actor, handled, release) = await SpawnBlockedAsync(t, MailboxOptions.Unbounded);
        actor.Tell(1);
        actor.Complete();

        var thrown = Record.Exception(() => actor.Tell(2));   // "later sends go to dead letters" (IActorRef.Complete)
        release.SetResult();
        await actor.ActorTask.Completion.WithinAsync("the actor draining and completing");

        Assert.Null(thrown);
        Assert.Equal([0, 1], handled);
        Assert.Equal([2], letters.Select(l => (int)l.Message!));
    }

    [Fact]
    public async Task AHandlersExceptionNeverEscapesAndTheParentIsTold()
    {
        await using var t = new TestSystem();
        var exits = new ExitRecorder();
        var children = Signal.New<(IActorRef<string> Bad, IActorRef<(int X, IReplyTo<int> R)> Good)>();
        var parent = t.System.Run(async ctx =>
        {
            var bad = ctx.Spawn<string>((c, m) => throw new InvalidOperationException("cannot handle " + m), new SpawnOptions { Name = "bad" });
            var good = ctx.Spawn<(int X, IReplyTo<int> R)>((c, m) =>
            {
                m.R.Reply(m.X + 1);
                return ValueTask.CompletedTask;
            }, new SpawnOptions { Name = "good" });
            children.SetResult((bad, good));
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        }, new SpawnOptions { Name = "parent", ChildExitHandler = exits });
        var (bad, good) = await children.Task.WithinAsync("the children");

        bad.Tell("this");
        await exits.Failed.Task.WithinAsync("the parent told of the failure");

        Assert.Same(bad.ActorTask, Assert.Single(exits.Exited));
        Assert.Equal(ActorTaskState.Failed, bad.ActorTask.State);
        Assert.Equal("cannot handle this", Assert.IsType<InvalidOperationException>(bad.ActorTask.Failure).Message);
        Assert.Equal(2, await good.AskAsync<int>(r => (1, r)).WithinAsync("the sibling answering"));
        Assert.Equal(ActorTaskState.Running, parent.State);
        Assert.DoesNotContain(t.Logs, l => l.Level == LogLevel.Error);   // the exit handler claimed the failure
    }

    [Fact]
    public async Task AProcessReceivesInArrivalOrderAndReadAllEndsWhenTheMailboxIsCompleted()
    {
        await using var t = new TestSystem();
        var process = t.System.RunWithMailbox<int, List<int>>(async ctx =>
        {
            var got = new List<int> { await ctx.ReceiveAsync(), await ctx.ReceiveAsync() };
            await foreach (var m in ctx.ReadAllAsync()) got.Add(m);
            return got;
        });
        var mailbox = process.Ref<int>();
        for (var i = 0; i < 1_000; i++) mailbox.Tell(i);
        mailbox.Complete();

        Assert.Equal(Enumerable.Range(0, 1_000), await process.Completion.WithinAsync("the process"));
        Assert.Equal(ActorTaskState.Completed, process.State);
        Assert.Equal(ActorBodyKind.Process, process.BodyKind);
    }

    [Fact]
    public async Task AProcessWaitsInReceiveAsyncForAMessageSentLater()
    {
        await using var t = new TestSystem();
        var waiting = Signal.New();
        var process = t.System.RunWithMailbox<string, string>(async ctx =>
        {
            Assert.False(ctx.TryReceive(out _));
            waiting.SetResult();
            return await ctx.ReceiveAsync();
        });
        await waiting.Task.WithinAsync("the process to look at its empty mailbox");
        process.Ref<string>().Tell("hello");
        Assert.Equal("hello", await process.Completion.WithinAsync("the process"));
    }

    [Fact]
    public async Task ReceiveAsyncFromAHandlerActorThrowsInvalidOperationException()
    {
        await using var t = new TestSystem();
        var caught = Signal.New<Exception?>();
        var actor = t.System.Spawn<int>(async (ctx, m) =>
        {
            try
            {
                await ctx.ReceiveAsync();
                caught.SetResult(null);
            }
            catch (Exception ex)
            {
                caught.SetResult(ex);
            }
        });
        actor.Tell(1);
        var error = await caught.Task.WithinAsync("the handler");
        var invalid = Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("handler actor", invalid.Message);
        Assert.Equal(ActorTaskState.Running, actor.ActorTask.State);
    }

    /// <summary>A handler actor that records what it handles and holds message 0 until released.</summary>
    private static async Task<(IActorRef<int> Actor, ConcurrentQueue<int> Handled, TaskCompletionSource Release)> SpawnBlockedAsync(TestSystem t, MailboxOptions mailbox)
    {
        var handled = new ConcurrentQueue<int>();
        var busy = Signal.New();
        var release = Signal.New();
        var actor = t.System.Spawn<int>(async (ctx, m) =>
        {
            if (m == 0)
            {
                busy.SetResult();
                await release.Task;
            }
            handled.Enqueue(m);
        }, new SpawnOptions { Mailbox = mailbox });
        actor.Tell(0);
        await busy.Task.WithinAsync("the first message in the handler");
        return (actor, handled, release);
    }

    private sealed class ExitRecorder : IChildExitHandler
    {
        public ConcurrentQueue<ActorTask> Exited { get; } = new();

        public TaskCompletionSource Failed { get; } = Signal.New();

        public bool OnChildExited(ActorTask child)
        {
            Exited.Enqueue(child);
            if (child.State == ActorTaskState.Failed) Failed.TrySetResult();
            return true;
        }
    }
}
