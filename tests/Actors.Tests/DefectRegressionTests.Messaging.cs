using System.Collections.Concurrent;

namespace Actors.Tests;

public sealed partial class DefectRegressionTests
{
    [Fact]
    public async Task Item01_AnAskToAProcessWhoseBodyFailedWhileAChildCleansUpFailsFastAndDeadLetters()
    {
        await using var t = new TestSystem();
        var child = new SlowCleanup();
        var process = t.System.RunWithMailbox<Ask>(async ctx =>
        {
            _ = ctx.Run(child.Body);
            await child.Started.Task;
            throw new FormatException("body failed");
        });
        await child.InFinally.Task.WithinAsync("the child to be stopped by its failed parent");
        Assert.False(process.ActorTask.IsFinished);   // still waiting for the child's cleanup

        var ask = process.AskAsync<int>(r => new Ask(1, r), Timeout.InfiniteTimeSpan);
        await Assert.ThrowsAsync<ActorNotRunningException>(() => Promptly(ask, "the ask to fail fast"));
        process.Tell(new Ask(2));
        Assert.Equal(2, t.System.DeadLetters.Count);
        Assert.Equal(0, process.ActorTask.MailboxDepth);

        child.Release.SetResult();
        await process.ActorTask.WhenFinishedAsync().WithinAsync("the process to finish");
        Assert.Equal(ActorTaskState.Failed, process.ActorTask.State);
        Assert.Equal(0, process.ActorTask.MailboxDepth);
    }

    [Fact]
    public async Task Item01_AStopRacingTheFirstMessagesNeverStrandsOne()
    {
        await using var t = new TestSystem();
        var handled = 0L;
        for (var round = 0; round < 3000; round++)
        {
            var actor = t.System.Spawn<Ask>((ctx, m) =>
            {
                Interlocked.Increment(ref handled);
                m.ReplyTo?.Reply(m.Value);
                return ValueTask.CompletedTask;
            });
            var go = new ManualResetEventSlim();
            var stopper = Task.Run(() => { go.Wait(); actor.ActorTask.Stop(); });
            Task<int>? ask = null;
            var sender = Task.Run(() =>
            {
                go.Wait();
                actor.Tell(new Ask(0));
                ask = actor.AskAsync<int>(r => new Ask(1, r), Timeout.InfiniteTimeSpan);
            });
            go.Set();
            await stopper;
            await sender;
            await actor.ActorTask.WhenFinishedAsync().WithinAsync("the actor to stop");
            var settled = await Task.WhenAny(ask!, Task.Delay(Soon));
            Assert.True(settled == ask, $"round {round}: the ask was stranded in a finished actor's mailbox");
            Assert.Equal(0, actor.ActorTask.MailboxDepth);
        }
        Assert.Equal(2L * 3000, Interlocked.Read(ref handled) + t.System.DeadLetters.Count);
    }

    [Fact]
    public async Task Item02_AResumedHandlerThatFailsBeforeItsFirstAwaitIteratesInsteadOfRecursing()
    {
        const int Messages = 60_000;
        await using var t = new TestSystem();
        var resumed = 0;
        var actor = t.System.Spawn<Ask>(FailBeforeFirstAwait, new SpawnOptions
        {
            Start = StartMode.Manual,
            ResumeOn = _ => Interlocked.Increment(ref resumed) > 0,
        });
        for (var i = 0; i < Messages; i++) actor.Tell(new Ask(i));
        actor.ActorTask.Start();

        await TestWaits.UntilAsync(() => Volatile.Read(ref resumed) == Messages, "every failed message to be skipped");
        Assert.Equal(ActorTaskState.Running, actor.ActorTask.State);
    }

    private static async ValueTask FailBeforeFirstAwait(ActorContext<Ask> ctx, Ask message)
    {
        if (message.Value >= 0) throw new FormatException("fails before its first await");
        await Task.Yield();
    }

    [Fact]
    public async Task Item03_AProcessStopOvertakesItsQueueAndLaterPostsGoToDeadLetters()
    {
        await using var t = new TestSystem();
        var gotFirst = Signal.New();
        var gate = Signal.New();
        var secondReceive = Signal.New<string>();
        var process = t.System.RunWithMailbox<Ask>(async ctx =>
        {
            await ctx.ReceiveAsync();
            gotFirst.SetResult();
            await gate.Task;
            try
            {
                await ctx.ReceiveAsync();
                secondReceive.SetResult("a message");
            }
            catch (OperationCanceledException)
            {
                secondReceive.SetResult("the stop");
                throw;
            }
        });
        for (var i = 0; i < 3; i++) process.Tell(new Ask(i));
        await gotFirst.Task.WithinAsync("the first message");

        process.ActorTask.Stop();
        Assert.False(process.TryTell(new Ask(9)));   // posted after the stop: a dead letter

        gate.SetResult();
        Assert.Equal("the stop", await secondReceive.Task.WithinAsync("the second receive"));
        await process.ActorTask.WhenFinishedAsync().WithinAsync("the process to stop");
        Assert.Equal(ActorTaskState.Stopped, process.ActorTask.State);
        Assert.Equal(3, t.System.DeadLetters.Count);   // two queued before the stop, one after
    }

    [Fact]
    public async Task Item03_AProcessWithABusyProducerStillStops()
    {
        await using var t = new TestSystem();
        var received = 0;
        var process = t.System.RunWithMailbox<Ask>(async ctx =>
        {
            while (true)
            {
                await ctx.ReceiveAsync();
                Interlocked.Increment(ref received);
                await Task.Yield();   // slower than the producer: its mailbox never runs dry
            }
        });
        using var stopProducing = new CancellationTokenSource();
        var producer = Task.Run(() =>
        {
            while (!stopProducing.IsCancellationRequested && !process.ActorTask.IsFinished)
            {
                if (process.ActorTask.MailboxDepth < 100_000) process.TryTell(new Ask(0));
                else Thread.Yield();
            }
        });
        await TestWaits.UntilAsync(() => Volatile.Read(ref received) > 1000, "the process to be busy");

        try
        {
            await Promptly(process.ActorTask.StopAsync(), "the stop to overtake the queue");
        }
        finally
        {
            stopProducing.Cancel();
            await producer;
        }
        Assert.Equal(ActorTaskState.Stopped, process.ActorTask.State);
        Assert.Equal(0, process.ActorTask.MailboxDepth);
    }
}
