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
        await OneAtATimeAsync(rounds, actor.Tell, handled, "the actor");   // each a fresh turn from the thread pool
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

    [Fact]
    public async Task ATurnRunOnTheWakingThreadDoesNotSeeTheWakersFlowValues()
    {
        await using var t = new TestSystem();
        var local = new AsyncLocal<int>();
        var seen = new List<int>();   // written by the reader's handler only, read after the last wait
        var handled = new SemaphoreSlim(0);
        var reader = t.System.Spawn<int>((ctx, m) =>
        {
            seen.Add(local.Value);
            handled.Release();
            return ValueTask.CompletedTask;
        });
        var writer = t.System.Spawn<int>((ctx, m) =>
        {
            local.Value = m;   // stays in the writer's flow
            reader.Tell(m);    // the reader is idle: it runs next on this thread (the run-next slot), from a fresh flow
            return ValueTask.CompletedTask;
        });
        await OneAtATimeAsync(50, writer.Tell, handled, "the reader");   // so every reader turn is woken by the writer's turn
        Assert.Equal(50, seen.Count);
        Assert.All(seen, v => Assert.Equal(0, v));
    }

    /// <summary>Tells 1 to <paramref name="rounds"/>, each once the last was handled.</summary>
    private static async Task OneAtATimeAsync(int rounds, Action<int> tell, SemaphoreSlim handled, string who)
    {
        for (var i = 1; i <= rounds; i++)
        {
            tell(i);
            Assert.True(await handled.WaitAsync(TimeSpan.FromSeconds(30)), $"message {i} was not handled by {who}");
        }
    }
}
