using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Tests;

public class AskTests
{
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    [Fact]
    public async Task AnAskReturnsTheTypedReply()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<Request>((ctx, m) =>
        {
            m.ReplyTo.Reply($"got {m.Value}");
            return ValueTask.CompletedTask;
        });
        Assert.Equal("got 7", await actor.AskAsync<string>(r => new Request(7, r)).WithinAsync("the reply"));
        Assert.Equal("got 8", await actor.AskAsync<string>(r => new Request(8, r)).WithinAsync("the second reply"));
    }

    [Fact]
    public async Task AHandlersExceptionReachesTheAskerWithItsOriginalTypeAndStackTrace()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<Request>((ctx, m) =>
        {
            FailInsideHandler(m.Value);
            return ValueTask.CompletedTask;
        });

        var error = await Assert.ThrowsAsync<HandlerFailure>(() => actor.AskAsync<string>(r => new Request(3, r)).WithinAsync("the failure"));

        Assert.Equal("cannot handle 3", error.Message);
        Assert.Contains(nameof(FailInsideHandler), error.StackTrace);
        await actor.ActorTask.WhenFinishedAsync().WithinAsync("the actor failing");
        Assert.Equal(ActorTaskState.Failed, actor.ActorTask.State);
        Assert.Same(error, actor.ActorTask.Failure);
    }

    [Fact]
    public async Task AnAsyncHandlersExceptionReachesTheAskerWithItsOriginalTypeAndStackTrace()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<Request>(async (ctx, m) =>
        {
            await Task.Yield();
            FailInsideHandler(m.Value);
        });

        var error = await Assert.ThrowsAsync<HandlerFailure>(() => actor.AskAsync<string>(r => new Request(4, r)).WithinAsync("the failure"));

        Assert.Contains(nameof(FailInsideHandler), error.StackTrace);
        await actor.ActorTask.WhenFinishedAsync().WithinAsync("the actor failing");
        Assert.Equal(ActorTaskState.Failed, actor.ActorTask.State);
    }

    [Fact]
    public async Task AFailureSentThroughTheReplySlotReachesTheAskerAndTheActorGoesOn()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<Request>((ctx, m) =>
        {
            if (m.Value < 0) m.ReplyTo.Fail(new ArgumentOutOfRangeException(nameof(m.Value), "negative"));
            else m.ReplyTo.Reply("fine");
            return ValueTask.CompletedTask;
        });

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => actor.AskAsync<string>(r => new Request(-1, r)).WithinAsync("the failure"));
        Assert.Equal("fine", await actor.AskAsync<string>(r => new Request(1, r)).WithinAsync("the next reply"));
        Assert.Equal(ActorTaskState.Running, actor.ActorTask.State);
    }

    [Fact]
    public async Task AnAskWithoutAReplyTimesOutAfterTheSystemsAskTimeout()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o =>
        {
            o.TimeProvider = time;
            o.AskTimeout = TimeSpan.FromSeconds(30);
        });
        var held = Signal.New<IReplyTo<string>>();
        var actor = t.System.Spawn<Request>((ctx, m) =>
        {
            held.SetResult(m.ReplyTo);   // keeps the reply slot and never answers
            return ValueTask.CompletedTask;
        });

        var ask = actor.AskAsync<string>(r => new Request(1, r));
        var reply = await held.Task.WithinAsync("the request handled");
        time.Advance(TimeSpan.FromSeconds(30) - OneTick);
        Assert.False(ask.IsCompleted);
        time.Advance(OneTick);

        var error = await Assert.ThrowsAsync<ActorTimeoutException>(() => ask.WithinAsync("the ask timing out"));
        Assert.Contains(actor.ActorTask.Path, error.Message);
        Assert.False(reply.Reply("too late"));
        Assert.Equal(ActorTaskState.Running, actor.ActorTask.State);
    }

    [Fact]
    public async Task AnAskTimesOutAfterItsOwnTimeout()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var held = Signal.New<IReplyTo<string>>();
        var actor = t.System.Spawn<Request>((ctx, m) =>
        {
            held.SetResult(m.ReplyTo);
            return ValueTask.CompletedTask;
        });

        var ask = actor.AskAsync<string>(r => new Request(1, r), TimeSpan.FromSeconds(2));
        await held.Task.WithinAsync("the request handled");
        time.Advance(TimeSpan.FromSeconds(2) - OneTick);
        Assert.False(ask.IsCompleted);
        time.Advance(OneTick);

        await Assert.ThrowsAsync<ActorTimeoutException>(() => ask.WithinAsync("the ask timing out"));
    }

    [Fact]
    public async Task AnAskToAFinishedTaskThrowsActorNotRunningException()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<Request>((ctx, m) => ValueTask.CompletedTask);
        actor.Complete();
        await actor.ActorTask.Completion.WithinAsync("the actor completing");

        var error = await Assert.ThrowsAsync<ActorNotRunningException>(() => actor.AskAsync<string>(r => new Request(1, r)).WithinAsync("the ask"));

        Assert.Equal(actor.ActorTask.Path, error.Path);
        Assert.Equal(ActorTaskState.Completed, error.State);
        Assert.Equal(1, t.System.DeadLetters.Count);
    }

    [Fact]
    public async Task AnAskStillQueuedWhenItsTargetStopsThrowsActorNotRunningException()
    {
        await using var t = new TestSystem();
        var busy = Signal.New();
        var release = Signal.New();
        var actor = t.System.Spawn<Request>(async (ctx, m) =>
        {
            if (m.Value == 0)
            {
                busy.SetResult();
                await release.Task;
            }
            m.ReplyTo.Reply($"handled {m.Value}");
        });
        var first = actor.AskAsync<string>(r => new Request(0, r));
        await busy.Task.WithinAsync("the first request in the handler");
        var queued = actor.AskAsync<string>(r => new Request(1, r));

        var stop = actor.ActorTask.StopAsync();
        release.SetResult();
        await stop.WithinAsync("the stop");

        Assert.Equal("handled 0", await first.WithinAsync("the request being handled at the stop"));
        var error = await Assert.ThrowsAsync<ActorNotRunningException>(() => queued.WithinAsync("the queued request"));
        Assert.Equal(ActorTaskState.Stopped, error.State);
    }

    [Fact]
    public async Task CancellingTheTokenAbandonsTheWaitForAReply()
    {
        await using var t = new TestSystem();
        var held = Signal.New<IReplyTo<string>>();
        var actor = t.System.Spawn<Request>((ctx, m) =>
        {
            held.SetResult(m.ReplyTo);
            return ValueTask.CompletedTask;
        });
        using var cts = new CancellationTokenSource();

        var ask = actor.AskAsync<string>(r => new Request(1, r), cancellationToken: cts.Token);
        var reply = await held.Task.WithinAsync("the request handled");
        Assert.False(ask.IsCompleted);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask.WithinAsync("the abandoned ask"));
        Assert.False(reply.Reply("too late"));
        Assert.Equal(ActorTaskState.Running, actor.ActorTask.State);
    }

    [Fact]
    public async Task AProcessThatFailsWhileHoldingAnAskFailsThatAsk()
    {
        await using var t = new TestSystem();
        var process = t.System.RunWithMailbox<Request>(async ctx =>
        {
            var request = await ctx.ReceiveAsync();
            FailInsideHandler(request.Value);
        });

        var error = await Assert.ThrowsAsync<HandlerFailure>(() => process.AskAsync<string>(r => new Request(5, r)).WithinAsync("the failure"));

        Assert.Equal("cannot handle 5", error.Message);
        await process.ActorTask.WhenFinishedAsync().WithinAsync("the process failing");
        Assert.Equal(ActorTaskState.Failed, process.ActorTask.State);
    }

    [Fact]
    public async Task AProcessCanAnswerAsksItReceives()
    {
        await using var t = new TestSystem();
        var process = t.System.RunWithMailbox<Request>(async ctx =>
        {
            await foreach (var request in ctx.ReadAllAsync()) request.ReplyTo.Reply($"process got {request.Value}");
        });
        Assert.Equal("process got 1", await process.AskAsync<string>(r => new Request(1, r)).WithinAsync("the first reply"));
        Assert.Equal("process got 2", await process.AskAsync<string>(r => new Request(2, r)).WithinAsync("the second reply"));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FailInsideHandler(int value) => throw new HandlerFailure($"cannot handle {value}");

    private sealed record Request(int Value, IReplyTo<string> ReplyTo);

    private sealed class HandlerFailure(string message) : Exception(message);
}
