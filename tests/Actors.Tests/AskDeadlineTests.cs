using System.Diagnostics;
using Actors.Internal;

namespace Actors.Tests;

/// <summary>
/// An ask on the real clock with a deadline of a second or more gets its timer only if it is still
/// unanswered at the next sweep (<see cref="AskDeadlines"/>). These check such a deadline still passes,
/// not before its time, also after the sweep went idle, and that answered asks are never failed by it.
/// </summary>
public class AskDeadlineTests
{
    [Fact]
    public async Task AnUnansweredAskWithALongDeadlineFailsWithATimeoutNotBeforeItsDeadline()
    {
        await using var t = new TestSystem();
        var silent = t.System.Spawn<(int X, IReplyTo<int> R)>((_, _) => ValueTask.CompletedTask);
        var timeout = TimeSpan.FromMilliseconds(1200);
        var clock = Stopwatch.StartNew();
        var ask = silent.AskAsync<int>(r => (1, r), timeout);
        await Assert.ThrowsAsync<ActorTimeoutException>(() => ask.WithinAsync("the ask's deadline"));
        // The coarse tick it is measured on may be a few milliseconds behind the stopwatch; never a whole sweep.
        Assert.True(clock.Elapsed >= timeout - TimeSpan.FromMilliseconds(20), $"the ask failed after {clock.Elapsed}, before its deadline {timeout}");
    }

    [Fact]
    public async Task AnAskAfterTheSweepWentIdleStillTimesOut()
    {
        await using var t = new TestSystem();
        var echo = t.System.Spawn<(int X, IReplyTo<int> R)>((_, m) => { m.R.Reply(m.X); return ValueTask.CompletedTask; });
        Assert.Equal(1, await echo.AskAsync<int>(r => (1, r), TimeSpan.FromSeconds(5)).WithinAsync("an answered ask"));
        await TestWaits.UntilAsync(() => !AskDeadlines.IsSweeping, "the sweep to go idle (about a second without an ask)", TimeSpan.FromSeconds(60));

        var silent = t.System.Spawn<(int X, IReplyTo<int> R)>((_, _) => ValueTask.CompletedTask);
        var ask = silent.AskAsync<int>(r => (1, r), TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<ActorTimeoutException>(() => ask.WithinAsync("the ask's deadline after an idle sweep"));
    }

    [Fact]
    public async Task AsksAnsweredAroundTheSweepAreNeverFailedByTheirDeadline()
    {
        await using var t = new TestSystem();
        var slow = t.System.Spawn<(int X, IReplyTo<int> R)>(async (_, m) =>
        {
            await Task.Delay(m.X % 30);   // answers spread over a sweep or two, racing the late arming of their timers
            m.R.Reply(m.X);
        });
        var echo = t.System.Spawn<(int X, IReplyTo<int> R)>((_, m) => { m.R.Reply(m.X); return ValueTask.CompletedTask; });
        var asks = new List<Task<int>>();
        for (var i = 0; i < 300; i++)
        {
            var x = i;
            asks.Add(slow.AskAsync<int>(r => (x, r), TimeSpan.FromSeconds(20)));
            asks.Add(echo.AskAsync<int>(r => (x, r), TimeSpan.FromSeconds(20)));
        }
        var replies = await Task.WhenAll(asks).WithinAsync("every ask's reply", TimeSpan.FromSeconds(60));
        for (var i = 0; i < replies.Length; i++) Assert.Equal(i / 2, replies[i]);
    }
}
