namespace Actors.Testing.Tests;

public sealed class TestProbeTests : IAsyncLifetime
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);
    private readonly ActorTestKit _kit = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    private sealed record Add(int N, IReplyTo<int> ReplyTo);

    [Fact]
    public async Task Expect_ReturnsMessagesInTheOrderTheyArrived()
    {
        var probe = _kit.CreateProbe<int>();
        var sender = _kit.System.Run(_ => { for (var i = 0; i < 3; i++) probe.Tell(i); return Task.CompletedTask; });
        Assert.Equal(0, await probe.ExpectAsync());
        Assert.Equal(1, await probe.ExpectAsync(1));
        Assert.Equal(2, await probe.ExpectAsync(m => m == 2, "two"));
        await sender.Completion.WithinAsync("the sender");
    }

    [Fact]
    public async Task ExpectAValue_WhenAnotherArrives_FailsNamingWhatArrivedAndWhatIsPending()
    {
        var probe = _kit.CreateProbe<string>("p");
        probe.Tell("apple");
        probe.Tell("pear");
        await _kit.System.WaitForTreeAsync(_ => probe.Pending.Count == 2, "both messages recorded");
        var error = await Assert.ThrowsAsync<ActorAssertionException>(() => probe.ExpectAsync("banana"));
        Assert.Contains("Expected \"banana\" at /p, but the next message was \"apple\"", error.Message);
        Assert.Contains("\"pear\"", error.Message);
    }

    [Fact]
    public async Task Expect_WhenNothingArrives_FailsAtTheBoundSayingNothingCame()
    {
        var probe = _kit.CreateProbe<int>("quiet");
        var error = await Assert.ThrowsAsync<ActorAssertionException>(() => probe.ExpectAsync(Short));
        Assert.Equal("Timed out after 100 ms waiting for any message at /quiet; no message arrived.", error.Message);
    }

    [Fact]
    public async Task ExpectAType_ChecksTypeAndPredicate()
    {
        var probe = _kit.CreateProbe<object>();
        probe.Tell("text");
        probe.Tell(42);
        Assert.Equal("text", await probe.ExpectAsync<string>());
        var error = await Assert.ThrowsAsync<ActorAssertionException>(() => probe.ExpectAsync<string>(s => s.Length > 0));
        Assert.Contains("Expected a message of type String matching the predicate", error.Message);
        Assert.Contains("42 (Int32)", error.Message);
    }

    [Fact]
    public async Task FishFor_SkipsOtherMessages_AndOnTimeoutListsThem()
    {
        var probe = _kit.CreateProbe<int>("fish");
        foreach (var n in new[] { 1, 3, 8, 5 }) probe.Tell(n);
        Assert.Equal(8, await probe.FishForAsync(n => n % 2 == 0, "an even number"));
        Assert.Equal(5, await probe.ExpectAsync());
        probe.Tell(7);
        await TestWaits.UntilAsync(() => probe.Pending.Count == 1, "7 recorded");
        var error = await Assert.ThrowsAsync<ActorAssertionException>(() => probe.FishForAsync(n => n > 100, "a big number", Short));
        Assert.Contains("fishing for a big number at /fish; skipped 1 message(s):\n  7 (Int32)", error.Message);
    }

    [Fact]
    public async Task ExpectAllOf_AcceptsAnyOrder_AndNamesAnUnexpectedOrMissingMessage()
    {
        var probe = _kit.CreateProbe<string>("all");
        var senders = new[] { "a", "b", "c" }.Select(m => _kit.System.Run(_ => { probe.Tell(m); return Task.CompletedTask; })).ToList();
        var got = await probe.ExpectAllOfAsync(["c", "a", "b"]);
        Assert.Equal(["a", "b", "c"], got.Order());

        probe.Tell("x");
        var error = await Assert.ThrowsAsync<ActorAssertionException>(() => probe.ExpectAllOfAsync(["y"]));
        Assert.Equal("Unexpected message \"x\" at /all; still missing:\n  \"y\"", error.Message);
        error = await Assert.ThrowsAsync<ActorAssertionException>(() => probe.ExpectAllOfAsync(["z"], Short));
        Assert.Contains("still missing:\n  \"z\"", error.Message);
        foreach (var sender in senders) await sender.Completion.WithinAsync("a sender");
    }

    [Fact]
    public async Task ExpectNoMessage_PassesWhenQuiet_AndFailsWithTheMessageThatCame()
    {
        var probe = _kit.CreateProbe<int>();
        await probe.ExpectNoMessageAsync(Short);
        probe.Tell(9);
        var error = await Assert.ThrowsAsync<ActorAssertionException>(() => probe.ExpectNoMessageAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("but got 9 (Int32)", error.Message);
    }

    [Fact]
    public async Task ExpectMany_TakesThatManyInOrder_OrSaysHowManyCame()
    {
        var probe = _kit.CreateProbe<int>();
        probe.Tell(1);
        probe.Tell(2);
        Assert.Equal([1, 2], await probe.ExpectManyAsync(2));
        probe.Tell(3);
        await TestWaits.UntilAsync(() => probe.Pending.Count == 1, "3 recorded");
        var error = await Assert.ThrowsAsync<ActorAssertionException>(() => probe.ExpectManyAsync(2, Short));
        Assert.Contains("waiting for 2 messages", error.Message);
        Assert.Contains("1 arrived:\n  3 (Int32)", error.Message);
    }

    [Fact]
    public async Task Probe_IsARealActor_FoundByPath_WatchedAndDeadLetteredWhenStopped()
    {
        var probe = _kit.CreateProbe<string>("named");
        Assert.Same(probe.ActorTask, _kit.System.Find("/named"));
        var watcher = _kit.CreateProbe<string>();
        using var watch = probe.ActorTask.Watch(watcher, "probe ended");
        await probe.ActorTask.StopAsync().WithinAsync("the probe to stop");
        await watcher.ExpectAsync("probe ended");
        probe.Tell("late");
        var letter = await _kit.DeadLetters.WaitForAsync<string>(s => s == "late");
        Assert.Same(probe.ActorTask, letter.Recipient);
    }

    [Fact]
    public async Task AProbeUnderAParent_LivesAtItsPath_AndStopsWithIt()
    {
        var parent = _kit.System.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation), new SpawnOptions { Name = "parent" });
        var probe = new TestProbe<int>(parent, "probe");
        Assert.Equal("/parent/probe", probe.Path);
        Assert.Same(parent, probe.ActorTask.Parent);
        await parent.StopAsync().WithinAsync("the parent to stop");
        await probe.ActorTask.WaitForStateAsync(ActorTaskState.Stopped);
    }

    [Fact]
    public async Task Ask_IsAnsweredThroughTheRequestsReplySlot()
    {
        var probe = _kit.CreateProbe<Add>();
        var answer = probe.AskAsync<int>(r => new Add(2, r));
        var request = await probe.ExpectAsync();
        request.ReplyTo.Reply(request.N + 1);
        Assert.Equal(3, await answer.WithinAsync("the answer"));
    }

    [Fact]
    public async Task AutoPilot_AnswersAsks_AndStillRecordsThem()
    {
        var probe = _kit.CreateProbe<Add>();
        probe.AutoPilot = add => add.ReplyTo.Reply(add.N * 10);
        Assert.Equal(40, await probe.AskAsync<int>(r => new Add(4, r)).WithinAsync("the answer"));
        Assert.Equal(4, (await probe.ExpectAsync()).N);
    }

    [Fact]
    public async Task AutoPilot_ThatThrows_FailsTheNextExpectation()
    {
        var probe = _kit.CreateProbe<int>();
        probe.AutoPilot = _ => throw new InvalidOperationException("pilot broke");
        probe.Tell(1);
        await TestWaits.UntilAsync(() => probe.Pending.Count == 1, "the message to be recorded");
        var error = await Assert.ThrowsAsync<ActorAssertionException>(() => probe.ExpectNoMessageAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("pilot broke", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public async Task Expect_WhenTheCallerCancels_ThrowsCancellationNotAFailure()
    {
        var probe = _kit.CreateProbe<int>();
        using var cts = new CancellationTokenSource(Short);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.ExpectAsync(TimeSpan.FromSeconds(30), cts.Token));
    }
}
