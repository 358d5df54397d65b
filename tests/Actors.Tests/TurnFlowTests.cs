namespace Actors.Tests;

/// <summary>
/// A pooled turn restores a flow it kept from its first turn instead of setting the task's flow value
/// each turn; these check the value is there, and only there, in every turn.
/// </summary>
public class TurnFlowTests
{
    [Fact]
    public async Task AHandlerKnowsItsOwnTaskAfterAnAwaitInEveryTurn()
    {
        await using var t = new TestSystem();
        const int rounds = 50;
        var refusedSelfWaits = 0;
        var handled = new SemaphoreSlim(0);
        var actor = t.System.Spawn<int>(async (ctx, m) =>
        {
            await Task.Yield();   // goes on from the flow the turn started with, on any thread
            try { _ = ctx.Self.WhenFinishedAsync(); }
            catch (InvalidOperationException) { refusedSelfWaits++; }   // the task still knows it is inside its own body
            handled.Release();
        });
        for (var i = 0; i < rounds; i++)
        {
            actor.Tell(i);   // one message at a time: each is a fresh turn from the thread pool
            Assert.True(await handled.WaitAsync(TimeSpan.FromSeconds(30)), $"message {i} was not handled");
        }
        Assert.Equal(rounds, refusedSelfWaits);
    }

    [Fact]
    public async Task AValueOneActorSetsInItsTurnIsNotSeenByAnotherActorsTurns()
    {
        await using var t = new TestSystem();
        var local = new AsyncLocal<int>();
        var seen = new List<int>();   // written by the reader's handler only, read after the last wait
        var handled = new SemaphoreSlim(0);
        var writer = t.System.Spawn<int>((ctx, m) =>
        {
            local.Value = m;   // stays in this turn's flow
            handled.Release();
            return ValueTask.CompletedTask;
        });
        var reader = t.System.Spawn<int>(async (ctx, m) =>
        {
            seen.Add(local.Value);
            await Task.Yield();
            seen.Add(local.Value);
            handled.Release();
        });
        for (var i = 1; i <= 20; i++)
        {
            writer.Tell(i);
            Assert.True(await handled.WaitAsync(TimeSpan.FromSeconds(30)), $"message {i} was not handled by the writer");
            reader.Tell(i);
            Assert.True(await handled.WaitAsync(TimeSpan.FromSeconds(30)), $"message {i} was not handled by the reader");
        }
        Assert.Equal(40, seen.Count);
        Assert.All(seen, v => Assert.Equal(0, v));
    }
}
