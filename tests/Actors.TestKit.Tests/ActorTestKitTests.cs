namespace Actors.Testing.Tests;

public sealed class ActorTestKitTests
{
    [Fact]
    public async Task OnTheFakeClock_ATimerFiresOnlyWhenTheTestAdvancesTime()
    {
        await using var kit = new ActorTestKit();
        var probe = kit.CreateProbe<string>();
        var actor = kit.System.Spawn<string>((ctx, msg) =>
        {
            if (msg == "arm") ctx.Timers.Once("t", TimeSpan.FromMinutes(1), "fired");
            else probe.Tell(msg);
            return ValueTask.CompletedTask;
        });
        actor.Tell("arm");
        await kit.Time.WaitForTimerAsync(TimeSpan.FromMinutes(1));
        kit.Time.Advance(TimeSpan.FromSeconds(59));
        await probe.ExpectNoMessageAsync();
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        await probe.ExpectAsync("fired");
    }

    [Fact]
    public async Task OnTheSystemClock_TimeIsNotTheTestsToAdvance()
    {
        await using var kit = new ActorTestKit(options: new ActorTestKitOptions { Clock = TestClock.System });
        Assert.Same(TimeProvider.System, kit.System.Options.TimeProvider);
        var error = Assert.Throws<InvalidOperationException>(() => kit.Time);
        Assert.Contains("TestClock.Fake", error.Message);
        await Assert.ThrowsAsync<ActorAssertionException>(() => new TestTimeProvider().WaitForTimerAsync(TimeSpan.FromSeconds(1), timeout: TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task ConfigureSystem_RunsAfterTheKitsSettings()
    {
        await using var kit = new ActorTestKit(o => o.AskTimeout = TimeSpan.FromSeconds(3), new ActorTestKitOptions { Timeout = TimeSpan.FromSeconds(12) });
        Assert.Equal(TimeSpan.FromSeconds(3), kit.System.Options.AskTimeout);
        Assert.Equal(TimeSpan.FromSeconds(12), kit.Timeout);
    }

    [Fact]
    public async Task Dispose_StopsEveryTaskInTheSystem()
    {
        var kit = new ActorTestKit();
        var task = kit.System.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation));
        var probe = kit.CreateProbe<int>();
        await kit.DisposeAsync();
        Assert.Equal(ActorTaskState.Stopped, task.State);
        Assert.Equal(ActorTaskState.Stopped, probe.ActorTask.State);
    }

    [Fact]
    public async Task DeadLetters_AreCapturedFromTheStart()
    {
        await using var kit = new ActorTestKit();
        var done = kit.System.Spawn<int>((_, _) => ValueTask.CompletedTask);
        done.Complete();
        await done.ActorTask.WaitForStateAsync(ActorTaskState.Completed);
        done.Tell(5);
        var letter = await kit.DeadLetters.WaitForAsync<int>(n => n == 5);
        Assert.Equal(DeadLetterReason.RecipientFinished, letter.Reason);
        Assert.Single(kit.DeadLetters.Letters);
    }
}
