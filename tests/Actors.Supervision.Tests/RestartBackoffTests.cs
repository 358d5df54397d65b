using Actors.Tests;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Supervision.Tests;

public class RestartBackoffTests
{
    private static readonly RestartBackoff Backoff = new() { MinDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(10) };

    [Fact]
    public void FirstDelayIsTheMinimum() => Assert.Equal(TimeSpan.FromMilliseconds(100), Backoff.BaseDelay(0));

    [Theory]
    [InlineData(1, 200)]
    [InlineData(2, 400)]
    [InlineData(6, 6400)]
    [InlineData(7, 10_000)]
    [InlineData(40, 10_000)]
    public void DelayDoublesUpToTheCap(int attempt, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Backoff.BaseDelay(attempt));

    [Theory]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(int.MaxValue)]
    public void DelayDoesNotOverflowAfterManyRestarts(int attempt) => Assert.Equal(TimeSpan.FromSeconds(10), Backoff.BaseDelay(attempt));

    [Fact]
    public void JitterStaysWithinItsShare()
    {
        var jittered = new RestartBackoff { MinDelay = TimeSpan.FromSeconds(1), Jitter = 0.2 };
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var d = jittered.Delay(0, random);
            Assert.InRange(d, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(1.2));
        }
    }

    [Fact]
    public void InvalidSettingsAreRejectedWithTheChildsName()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SupervisorOptions
        {
            Children = [new ChildSpec("w", (p, o) => p.Run(_ => Task.CompletedTask, o)) { Backoff = new RestartBackoff { MinDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(1) } }],
        }.Validate());
        Assert.Contains("'w'", error.Message);
    }

    [Fact]
    public async Task ChildWaitsForItsBackoffBeforeRestarting_AndMessagesMeanwhileGoToDeadLetters()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
        {
            MaxRestarts = 100,
            Backoff = new RestartBackoff { MinDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(4) },
            Children = [probe.Child("w")],
        });
        await probe.Log.WaitForAsync("start w");

        probe.Fail("w");
        await probe.Log.WaitForAsync("stop w");
        await TestWaits.UntilAsync(() => sup.WhichChildrenAsync().Result.Single().Status == ChildStatus.Restarting, "restarting");
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, probe.Log.CountOf("start w"));
        time.Advance(TimeSpan.FromMilliseconds(1));
        await probe.Log.WaitForAsync("start w", 2);

        probe.Fail("w");   // second consecutive restart: 2 s
        await probe.Log.WaitForAsync("stop w", 2);
        await TestWaits.UntilAsync(() => sup.WhichChildrenAsync().Result.Single().Status == ChildStatus.Restarting, "restarting again");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, probe.Log.CountOf("start w"));
        time.Advance(TimeSpan.FromSeconds(1));
        await probe.Log.WaitForAsync("start w", 3);
    }

    [Fact]
    public async Task ChildWhoseRestartKeepsFailing_CanStillBeTerminated_AndDoesNotHangShutdown()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var starts = 0;
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
        {
            MaxRestarts = 100,
            Backoff = new RestartBackoff { MinDelay = TimeSpan.FromSeconds(1) },
            Children = [new ChildSpec("flaky", (parent, options) =>
                Interlocked.Increment(ref starts) == 1
                    ? parent.Run(_ => Task.FromException(new InvalidOperationException("first run crashes")), options)
                    : throw new InvalidOperationException("cannot start"))],
        });
        await TestWaits.UntilAsync(() => sup.WhichChildrenAsync().Result.Single().Status == ChildStatus.Restarting, "restarting");
        // Each retry's delay timer is armed asynchronously, so keep moving time until the attempts happen.
        await TestWaits.UntilAsync(() => { time.Advance(TimeSpan.FromSeconds(1)); return Volatile.Read(ref starts) >= 3; }, "two failed restarts");

        Assert.Equal(ChildOperationResult.Ok, await sup.TerminateChildAsync("flaky").WithinAsync("terminate"));
        Assert.Equal(ChildStatus.Terminated, (await sup.WhichChildrenAsync().WithinAsync("which")).Single().Status);
        await sup.Task.StopAsync().WithinAsync("shutdown");
    }
}
