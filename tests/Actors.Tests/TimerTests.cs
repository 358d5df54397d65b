using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Tests;

/// <summary>
/// Timer ticks are posted synchronously inside <see cref="FakeTimeProvider.Advance"/>, on the test thread; a probe
/// asked afterwards from the same thread is queued behind them, so its answer tells what was handled.
/// </summary>
public class TimerTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    [Fact]
    public async Task AOnceTimerFiresOnceAfterItsDelay()
    {
        var time = new FakeTimeProvider();
        await using var t = NewSystem(time);
        var ticker = new Ticker(t.System);
        ActorTimers<object> timers = null!;
        await ticker.Do(ctx =>
        {
            timers = ctx.Timers;
            timers.Once("once", Period, "tick");
        });

        time.Advance(Period - OneTick);
        Assert.Empty(await ticker.HandledAsync());
        time.Advance(OneTick);
        Assert.Equal(["tick"], await ticker.HandledAsync());
        time.Advance(Period * 10);
        Assert.Equal(["tick"], await ticker.HandledAsync());
        Assert.False(timers.IsActive("once"));
    }

    [Fact]
    public async Task AStartToStartTimerFiresEveryPeriod()
    {
        var time = new FakeTimeProvider();
        await using var t = NewSystem(time);
        var ticker = new Ticker(t.System);
        await ticker.Do(ctx => ctx.Timers.Periodic("beat", Period, "beat"));

        for (var i = 1; i <= 4; i++)
        {
            time.Advance(Period - OneTick);
            Assert.Equal(i - 1, (await ticker.HandledAsync()).Length);
            time.Advance(OneTick);
            Assert.Equal(i, (await ticker.HandledAsync()).Length);
        }
    }

    [Fact]
    public async Task AStartToStartTimerSkipsTicksWhileTheLastOneIsStillQueued()
    {
        var time = new FakeTimeProvider();
        await using var t = NewSystem(time);
        var ticker = new Ticker(t.System);
        await ticker.Do(ctx => ctx.Timers.Periodic("beat", Period, "beat"));
        var release = await ticker.BlockAsync();

        time.Advance(Period);
        time.Advance(Period);
        time.Advance(Period);
        Assert.Equal(1, ticker.Ref.ActorTask.MailboxDepth);   // one tick waits behind the blocked message; the others were skipped
        release.SetResult();

        Assert.Equal(["beat"], await ticker.HandledAsync());
        time.Advance(Period);
        Assert.Equal(["beat", "beat"], await ticker.HandledAsync());
    }

    [Fact]
    public async Task AnEndToStartTimerStartsTheNextPeriodOnlyOnceTheTickIsHandled()
    {
        var time = new FakeTimeProvider();
        await using var t = NewSystem(time);
        var ticker = new Ticker(t.System);
        var handling = Signal.New();
        var release = Signal.New();
        ticker.Hold = async () =>
        {
            handling.SetResult();
            await release.Task;
        };
        await ticker.Do(ctx => ctx.Timers.Periodic("poll", Period, "poll", TimerPeriodMode.EndToStart));

        time.Advance(Period);
        await handling.Task.WithinAsync("the first tick being handled");
        time.Advance(Period * 5);
        Assert.Equal(0, ticker.Ref.ActorTask.MailboxDepth);   // no tick while the first is still being handled
        ticker.Hold = null;
        release.SetResult();
        Assert.Equal(["poll"], await ticker.HandledAsync());   // the tick is done: its next period starts now

        time.Advance(Period - OneTick);
        Assert.Single(await ticker.HandledAsync());
        time.Advance(OneTick);
        Assert.Equal(["poll", "poll"], await ticker.HandledAsync());
    }

    [Fact]
    public async Task CancellingATimerDropsItsQueuedTick()
    {
        var time = new FakeTimeProvider();
        await using var t = NewSystem(time);
        var ticker = new Ticker(t.System);
        await ticker.Do(ctx => ctx.Timers.Periodic("beat", Period, "beat"));
        var cancelled = false;
        var release = await ticker.BlockAsync(ctx => cancelled = ctx.Timers.Cancel("beat"));

        time.Advance(Period);
        Assert.Equal(1, ticker.Ref.ActorTask.MailboxDepth);   // the tick is queued behind the blocked message
        release.SetResult();                           // which then cancels the timer

        Assert.Empty(await ticker.HandledAsync());
        Assert.True(cancelled);
        time.Advance(Period * 3);
        Assert.Empty(await ticker.HandledAsync());
        Assert.Equal(0, t.System.DeadLetters.Count);
    }

    [Fact]
    public async Task CancelAllDropsTheQueuedTicksOfEveryTimer()
    {
        var time = new FakeTimeProvider();
        await using var t = NewSystem(time);
        var ticker = new Ticker(t.System);
        await ticker.Do(ctx =>
        {
            ctx.Timers.Periodic("a", Period, "a");
            ctx.Timers.Once("b", Period, "b");
        });
        var release = await ticker.BlockAsync(ctx => ctx.Timers.CancelAll());

        time.Advance(Period);
        Assert.Equal(2, ticker.Ref.ActorTask.MailboxDepth);
        release.SetResult();

        Assert.Empty(await ticker.HandledAsync());
        time.Advance(Period * 3);
        Assert.Empty(await ticker.HandledAsync());
    }

    [Fact]
    public async Task TimersStopWhenTheirTaskStops()
    {
        var time = new FakeTimeProvider();
        await using var t = NewSystem(time);
        var ticker = new Ticker(t.System);
        await ticker.Do(ctx => ctx.Timers.Periodic("beat", Period, "beat"));
        time.Advance(Period);
        Assert.Single(await ticker.HandledAsync());

        await ticker.Ref.ActorTask.StopAsync().WithinAsync("the stop");
        time.Advance(Period * 10);

        Assert.Single(ticker.Handled);
        Assert.Equal(0, t.System.DeadLetters.Count);   // a live timer would have posted to the finished task
    }

    [Fact]
    public async Task StartingATimerAgainWithTheSameKeyReplacesIt()
    {
        var time = new FakeTimeProvider();
        await using var t = NewSystem(time);
        var ticker = new Ticker(t.System);
        await ticker.Do(ctx => ctx.Timers.Once("k", Period, "first"));
        await ticker.Do(ctx => ctx.Timers.Once("k", Period * 2, "second"));

        time.Advance(Period);
        Assert.Empty(await ticker.HandledAsync());
        time.Advance(Period);
        Assert.Equal(["second"], await ticker.HandledAsync());
        time.Advance(Period * 10);
        Assert.Equal(["second"], await ticker.HandledAsync());
    }

    [Fact]
    public async Task AProcessReceivesItsTimersTicks()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var armed = Signal.New();
        var received = new[] { Signal.New(), Signal.New() };
        var process = t.System.RunWithMailbox<string, string>(async ctx =>
        {
            ctx.Timers.Periodic("poll", Period, "poll", TimerPeriodMode.EndToStart);
            armed.SetResult();
            var got = new List<string>();
            for (var i = 0; i < 2; i++)
            {
                got.Add(await ctx.ReceiveAsync());
                received[i].SetResult();
            }
            return string.Join(",", got);
        });
        await armed.Task.WithinAsync("the timer armed");

        time.Advance(Period);
        await received[0].Task.WithinAsync("the first tick received");
        time.Advance(Period - OneTick);
        Assert.Equal(0, process.MailboxDepth);
        time.Advance(OneTick);
        await received[1].Task.WithinAsync("the second tick received");

        Assert.Equal("poll,poll", await process.Completion.WithinAsync("the process"));
    }

    private static TestSystem NewSystem(FakeTimeProvider time) => new(o =>
    {
        o.TimeProvider = time;
        o.AskTimeout = Timeout.InfiniteTimeSpan;    // time moves while a probe or a blocker is pending; keep asks out of it
        o.TaskTimeout = Timeout.InfiniteTimeSpan;   // and blocked handlers too
    });

    /// <summary>Runs code inside the actor; Done (if any) is answered when it has run.</summary>
    private sealed record Call(Func<ActorContext<object>, Task> Body, IReplyTo<bool>? Done);

    /// <summary>A handler actor that records the string ticks it handles and runs <see cref="Call"/>s inside itself.</summary>
    private sealed class Ticker
    {
        private readonly ConcurrentQueue<string> _handled = new();

        public Ticker(ActorSystem system) => Ref = system.Spawn<object>(HandleAsync);

        public IActorRef<object> Ref { get; }

        /// <summary>Awaited while handling a tick, when set.</summary>
        public Func<Task>? Hold { get; set; }

        public string[] Handled => [.. _handled];

        public Task Do(Action<ActorContext<object>> body) =>
            Ref.AskAsync<bool>(r => new Call(ctx => { body(ctx); return Task.CompletedTask; }, r)).WithinAsync("the actor running the code");

        /// <summary>The ticks handled so far, asked after everything already queued.</summary>
        public Task<string[]> HandledAsync() => Ref.AskAsync<string[]>(r => r).WithinAsync("a probe");

        /// <summary>Makes the actor busy until the returned signal is set, then runs <paramref name="after"/> inside it.</summary>
        public async Task<TaskCompletionSource> BlockAsync(Action<ActorContext<object>>? after = null)
        {
            var busy = Signal.New();
            var release = Signal.New();
            Ref.Tell(new Call(async ctx =>
            {
                busy.SetResult();
                await release.Task;
                after?.Invoke(ctx);
            }, null));
            await busy.Task.WithinAsync("the actor to be busy");
            return release;
        }

        private async ValueTask HandleAsync(ActorContext<object> ctx, object message)
        {
            switch (message)
            {
                case Call call:
                    await call.Body(ctx);
                    call.Done?.Reply(true);
                    break;
                case IReplyTo<string[]> probe:
                    probe.Reply(Handled);
                    break;
                case string tick:
                    _handled.Enqueue(tick);
                    if (Hold is { } hold) await hold();
                    break;
            }
        }
    }
}
