using Actors.Tests;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Retry;

namespace Actors.Supervision.Tests;

public class RestartBackoffTests
{
    [Fact]
    public void TheRetryOptionsArePollysOwn_BuiltFromTheSettings()
    {
        Func<RetryDelayGeneratorArguments<object>, ValueTask<TimeSpan?>> generator = _ => ValueTask.FromResult<TimeSpan?>(null);
        var backoff = new RestartBackoff { Delay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(8), UseJitter = true, DelayGenerator = generator };

        var retry = backoff.ToRetryOptions();

        Assert.Equal(DelayBackoffType.Exponential, retry.BackoffType);
        Assert.Equal(TimeSpan.FromSeconds(1), retry.Delay);
        Assert.Equal(TimeSpan.FromSeconds(8), retry.MaxDelay);
        Assert.True(retry.UseJitter);
        Assert.Same(generator, retry.DelayGenerator);
        Assert.Equal(int.MaxValue, retry.MaxRetryAttempts);
    }

    [Fact]
    public void InvalidSettingsAreRejectedWithTheChildsName()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SupervisorOptions
        {
            Children = [new ChildSpec("w", (p, o) => p.Run(_ => Task.CompletedTask, o)) { Backoff = new RestartBackoff { Delay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(1) } }],
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
            Backoff = new RestartBackoff { Delay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(4) },
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
            Backoff = new RestartBackoff { Delay = TimeSpan.FromSeconds(1) },
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
        await sup.ActorTask.StopAsync().WithinAsync("shutdown");
    }

    [Fact]
    public async Task ADelayGeneratorDecidesTheDelays_AndCountsTheChildsConsecutiveRestarts()
    {
        var time = new FakeTimeProvider();
        await using var t = new TestSystem(o => o.TimeProvider = time);
        var probe = new Probe();
        var attempts = new List<int>();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
        {
            MaxRestarts = 100,
            Backoff = new RestartBackoff
            {
                DelayGenerator = args =>
                {
                    lock (attempts) attempts.Add(args.AttemptNumber);
                    return ValueTask.FromResult<TimeSpan?>(TimeSpan.FromSeconds(7));
                },
            },
            Children = [probe.Child("w")],
        });
        await probe.Log.WaitForAsync("start w");

        for (var n = 2; n <= 3; n++)
        {
            probe.Fail("w");
            await TestWaits.UntilAsync(() => sup.WhichChildrenAsync().Result.Single().Status == ChildStatus.Restarting, "restarting");
            time.Advance(TimeSpan.FromSeconds(6));
            Assert.Equal(n - 1, probe.Log.CountOf("start w"));
            time.Advance(TimeSpan.FromSeconds(1));
            await probe.Log.WaitForAsync("start w", n);
        }
        lock (attempts) Assert.Equal([0, 1], attempts);
    }
}
