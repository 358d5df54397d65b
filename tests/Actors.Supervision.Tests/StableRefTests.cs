using System.Collections.Concurrent;
using Actors.Tests;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Supervision.Tests;

/// <summary>A supervised child keeps one reference for the life of its slot.</summary>
public class StableRefTests
{
    private sealed record Msg(int Sender, int Seq, bool Crash);

    private sealed record Req(int N, bool Crash, IReplyTo<int> Reply);

    private static SupervisorOptions Tolerant(params ChildSpec[] children) =>
        new() { MaxRestarts = 1_000_000, Window = TimeSpan.FromSeconds(1), Children = children };

    private static ConcurrentQueue<object?> DeadLetters(TestSystem t)
    {
        var letters = new ConcurrentQueue<object?>();
        t.System.DeadLetters.Subscribe(d => letters.Enqueue(d.Message));
        return letters;
    }

    [Fact]
    public async Task Tell_AcrossAThousandRestarts_LosesOnlyTheFailingMessages_AndKeepsEachSendersOrder()
    {
        const int Senders = 4, PerSender = 2000, CrashEvery = 8;   // 4 x 250 = 1,000 crashes
        const int Expected = Senders * (PerSender - PerSender / CrashEvery);
        await using var t = new TestSystem();
        var letters = DeadLetters(t);
        var handled = new ConcurrentQueue<Msg>();
        var count = 0;
        var done = Signal.New();
        var worker = ChildSpec.Handler<Msg>("w", () => (ctx, m) =>
        {
            if (m.Crash) throw new InvalidOperationException($"crash {m.Sender}/{m.Seq}");
            handled.Enqueue(m);
            if (Interlocked.Increment(ref count) == Expected) done.SetResult();
            return ValueTask.CompletedTask;
        });
        var sup = Supervisor.Start(t.System, "sup", Tolerant(worker));
        var w = sup.Ref(worker);

        await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < PerSender; i++) w.Tell(new Msg(s, i, i % CrashEvery == CrashEvery - 1));
        })));
        await done.Task.WithinAsync("every message that does not crash");

        Assert.Empty(letters);
        foreach (var sender in handled.GroupBy(m => m.Sender))
            Assert.Equal(Enumerable.Range(0, PerSender).Where(i => i % CrashEvery != CrashEvery - 1), sender.Select(m => m.Seq));
        await TestWaits.UntilAsync(() => sup.WhichChildrenAsync().Result.Single().Restarts == Senders * PerSender / CrashEvery, "1,000 restarts counted");
        Assert.Same(w, sup.Ref(worker));
    }

    [Fact]
    public async Task Ask_AcrossAThousandRestarts_IsAnsweredByTheNextInstance_AndTheFailingAskGetsTheFailure()
    {
        await using var t = new TestSystem();
        var letters = DeadLetters(t);
        var calc = ChildSpec.Handler<Req>("calc", () => (ctx, r) =>
        {
            if (r.Crash) throw new InvalidOperationException($"crash {r.N}");
            r.Reply.Reply(r.N * 2);
            return ValueTask.CompletedTask;
        });
        var sup = Supervisor.Start(t.System, "sup", Tolerant(calc));
        var c = sup.Ref(calc);

        for (var i = 0; i < 1000; i++)
        {
            var n = i;
            var crash = c.AskAsync<int>(reply => new Req(n, true, reply));
            var queuedBehindTheCrash = c.AskAsync<int>(reply => new Req(n, false, reply));
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => crash.WithinAsync("the crashing ask"));
            Assert.Equal($"crash {n}", error.Message);
            Assert.Equal(2 * n, await queuedBehindTheCrash.WithinAsync($"ask {n}"));
        }

        Assert.Empty(letters);
        Assert.Equal(1000, (await sup.WhichChildrenAsync().WithinAsync("which")).Single().Restarts);
    }

    [Theory]
    [InlineData(QueuedMessages.Keep)]
    [InlineData(QueuedMessages.Drop)]
    public async Task MessagesQueuedWhenTheInstanceFails_WaitForTheNextOne_UnlessTheSpecDropsThem(QueuedMessages policy)
    {
        await using var t = new TestSystem();
        var letters = DeadLetters(t);
        var gate = Signal.New();
        var handled = new ConcurrentQueue<string>();
        var sawC = Signal.New();
        var worker = new ChildSpec<string>(ChildSpec.Handler<string>("w", () => async (ctx, m) =>
        {
            if (m == "block") { await gate.Task; throw new InvalidOperationException("crash"); }
            handled.Enqueue(m);
            if (m == "c") sawC.SetResult();
        })) { QueuedOnRestart = policy };
        var sup = Supervisor.Start(t.System, "sup", Tolerant(worker));
        var w = sup.Ref(worker);

        w.Tell("block");
        w.Tell("a");
        w.Tell("b");
        gate.SetResult();
        await TestWaits.UntilAsync(() => sup.WhichChildrenAsync().Result.Single().Restarts == 1, "the restart");
        w.Tell("c");
        await sawC.Task.WithinAsync("c");

        if (policy == QueuedMessages.Keep)
        {
            Assert.Equal(["a", "b", "c"], handled);
            Assert.Empty(letters);
        }
        else
        {
            Assert.Equal(["c"], handled);
            Assert.Equal(["a", "b"], letters);
        }
    }

    [Fact]
    public async Task WhileTheChildWaitsForItsBackoff_MessagesAndAsksAreHeld_WithinTheSpecsMailboxBound()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var letters = DeadLetters(t);
        var handled = new ConcurrentQueue<string>();
        var w = await CrashIntoBackoffAsync(t, Counting(handled, new SpawnOptions { Timeout = Timeout.InfiniteTimeSpan, Mailbox = MailboxOptions.Bounded(3, MailboxFullMode.Fail) }));
        w.Tell(("a", null));
        w.Tell(("b", null));
        var ask = w.AskAsync<int>(reply => ("c", reply), timeout: Timeout.InfiniteTimeSpan);
        Assert.False(w.TryTell(("over the bound", null)));
        Assert.Throws<MailboxFullException>(() => w.Tell(("over the bound", null)));
        Assert.Empty(letters);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, await ask.WithinAsync("the held ask"));
        Assert.Equal(["a", "b", "c"], handled);
        Assert.Empty(letters);
    }

    [Fact]
    public async Task WhileTheChildRestarts_AnAskWhoseFactoryThrowsFaults_AndACancelledAskIsNotDelivered()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var handled = new ConcurrentQueue<string>();
        var w = await CrashIntoBackoffAsync(t, Counting(handled));

        var faulted = w.AskAsync<int>(_ => throw new FormatException("bad request"));
        Assert.IsType<FormatException>(await Assert.ThrowsAnyAsync<Exception>(() => faulted.WithinAsync("the faulted ask")));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var never = w.AskAsync<int>(reply => ("cancelled", reply), cancellationToken: cancelled.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => never.WithinAsync("the cancelled ask"));

        var ok = w.AskAsync<int>(reply => ("after", reply), timeout: Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await ok.WithinAsync("the held ask"));
        Assert.Equal(["after"], handled);
    }

    /// <summary>A child "w" that records each text it handles, replies with the count so far, and crashes on "crash".</summary>
    private static ChildSpec<(string Text, IReplyTo<int>? Reply)> Counting(ConcurrentQueue<string> handled, SpawnOptions? options = null)
    {
        var spec = ChildSpec.Handler<(string Text, IReplyTo<int>? Reply)>("w", () => (ctx, m) =>
        {
            if (m.Text == "crash") throw new InvalidOperationException("crash");
            handled.Enqueue(m.Text);
            m.Reply?.Reply(handled.Count);
            return ValueTask.CompletedTask;
        });
        return options is null ? spec : new(spec) { Options = options };
    }

    /// <summary>Starts <paramref name="worker"/> under a supervisor with a 1 s backoff, crashes it, and returns its stable reference once the slot waits to restart.</summary>
    private static async Task<IActorRef<(string Text, IReplyTo<int>? Reply)>> CrashIntoBackoffAsync(TestSystem t, ChildSpec<(string Text, IReplyTo<int>? Reply)> worker)
    {
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
        {
            MaxRestarts = 10,
            Backoff = new RestartBackoff { Delay = TimeSpan.FromSeconds(1) },
            Children = [worker],
        });
        var w = sup.Ref(worker);
        await TestWaits.UntilAsync(() => sup.Child("w") is not null, "first start");
        w.Tell(("crash", null));
        await TestWaits.UntilAsync(() => sup.WhichChildrenAsync().Result.Single().Status == ChildStatus.Restarting, "waiting to restart");
        return w;
    }

    [Fact]
    public async Task WhenTheSlotEndsForGood_HeldQueuedAndLaterMessagesGoToDeadLetters()
    {
        await using var t = new TestSystem();
        var letters = DeadLetters(t);
        var gate = Signal.New();
        var worker = new ChildSpec<string>(ChildSpec.Handler<string>("w", () => async (ctx, m) =>
        {
            if (m == "block") { await gate.Task; throw new InvalidOperationException("crash"); }
        })) { Restart = RestartPolicy.Never };
        var sup = Supervisor.Start(t.System, "sup", Tolerant(worker));
        var w = sup.Ref(worker);

        w.Tell("block");
        w.Tell("queued");
        gate.SetResult();
        await TestWaits.UntilAsync(() => sup.WhichChildrenAsync().Result.Single().Status == ChildStatus.Terminated, "the slot ended");
        Assert.False(w.TryTell("later"));
        await Assert.ThrowsAsync<ActorNotRunningException>(() => w.AskAsync<int>(_ => "asked").WithinAsync("the ask"));

        Assert.Equal(["queued", "later", "asked"], letters);
    }

    [Fact]
    public async Task TerminatedChild_DeadLettersThroughItsReference_UntilRestartedByRequest()
    {
        await using var t = new TestSystem();
        var letters = DeadLetters(t);
        var got = new ConcurrentQueue<int>();
        var worker = ChildSpec.Handler<int>("w", () => (ctx, m) => { got.Enqueue(m); return ValueTask.CompletedTask; });
        var sup = Supervisor.Start(t.System, "sup", Tolerant(worker));
        var w = sup.Ref(worker);

        Assert.Equal(ChildOperationResult.Ok, await sup.TerminateChildAsync("w").WithinAsync("terminate"));
        w.Tell(1);
        Assert.Equal([1], letters);
        Assert.Equal(ChildOperationResult.Ok, await sup.RestartChildAsync("w").WithinAsync("restart"));
        w.Tell(2);
        await TestWaits.UntilAsync(() => got.Contains(2), "2 handled by the restarted child");
        Assert.Equal([2], got);
    }
}
