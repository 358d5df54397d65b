namespace Actors.Testing.Tests;

public sealed class EventRecorderTests
{
    [Fact]
    public async Task WaitFor_SeesEventsRecordedBefore_AndAfterTheWaitBegan()
    {
        var events = new EventRecorder<string>();
        events.Add("start a");
        Assert.Equal("start a", await events.WaitForAsync(e => e.StartsWith("start", StringComparison.Ordinal)));
        var later = events.WaitForAsync(e => e == "stop a");
        _ = Task.Run(() => events.Add("stop a"));
        Assert.Equal("stop a", await later);
    }

    [Fact]
    public async Task WaitUntil_HoldsOverAllEvents_AndOnTimeoutListsThem()
    {
        var events = new EventRecorder<string>(TimeSpan.FromMilliseconds(100));
        for (var i = 0; i < 3; i++) events.Add("tick");
        await events.WaitUntilAsync(list => list.Count(e => e == "tick") == 3, "three ticks");
        Assert.Equal(3, events.CountOf(e => e == "tick"));
        var error = await Assert.ThrowsAsync<ActorAssertionException>(() => events.WaitUntilAsync(list => list.Count > 5, "six events"));
        Assert.Contains("waiting for six events. Recorded 3 event(s):\n  \"tick\"", error.Message);
    }

    [Fact]
    public async Task ManyConcurrentWriters_WakeTheWaitWithoutLosingAnEvent()
    {
        var events = new EventRecorder<int>();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() => { for (var i = 0; i < 500; i++) events.Add(w); })).ToArray();
        await events.WaitUntilAsync(list => list.Count == 2000, "all 2000 events");
        await Task.WhenAll(writers).WithinAsync("the writers");
        Assert.All(Enumerable.Range(0, 4), w => Assert.Equal(500, events.CountOf(e => e == w)));
    }

    [Fact]
    public async Task WaitForAnItem_CountsItsOccurrences()
    {
        var events = new EventRecorder<string>(TimeSpan.FromMilliseconds(100));
        events.Add("start a");
        events.Add("start a");
        await events.WaitForAsync("start a", times: 2);
        Assert.Equal(2, events.CountOf("start a"));
        var error = await Assert.ThrowsAsync<ActorAssertionException>(() => events.WaitForAsync("start a", times: 3));
        Assert.Contains("waiting for \"start a\" 3 times", error.Message);
    }
}
