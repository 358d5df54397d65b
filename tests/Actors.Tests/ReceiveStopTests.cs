namespace Actors.Tests;

/// <summary>
/// A process waiting in <c>ReceiveAsync()</c> without a token of its own waits on its mailbox alone (no
/// cancellation callback per wait): its stop must still wake it, every time, whatever the timing of the
/// messages around it.
/// </summary>
public class ReceiveStopTests
{
    [Fact]
    public async Task AProcessWaitingToReceive_IsWokenByItsStop_AsAStop_OverManyRounds()
    {
        var random = new Random(12);
        await using var t = new TestSystem();
        for (var round = 0; round < 300; round++)
        {
            var received = 0;
            var waiting = Signal.New();
            Exception? ended = null;
            var process = t.System.RunWithMailbox<int>(async ctx =>
            {
                try
                {
                    while (true)
                    {
                        waiting.TrySetResult();
                        await ctx.ReceiveAsync();
                        Interlocked.Increment(ref received);
                    }
                }
                catch (Exception ex)
                {
                    ended = ex;
                    throw;
                }
            });
            await waiting.Task.WithinAsync("the body waits to receive");
            var sends = random.Next(0, 4);   // none, or a few racing the stop
            for (var i = 0; i < sends; i++) process.Tell(i);

            await process.ActorTask.StopAsync().WithinAsync($"round {round}: the waiting body stopped");

            Assert.Equal(ActorTaskState.Stopped, process.ActorTask.State);
            Assert.IsAssignableFrom<OperationCanceledException>(ended);
            Assert.InRange(Volatile.Read(ref received), 0, sends);
        }
    }

    [Fact]
    public async Task AProcessWaitingWithItsOwnToken_IsWokenByTheTokenOrByItsStop()
    {
        await using var t = new TestSystem();
        using var cts = new CancellationTokenSource();
        var outcome = Signal.New<string>();
        var process = t.System.RunWithMailbox<int>(async ctx =>
        {
            try { await ctx.ReceiveAsync(cts.Token); }
            catch (OperationCanceledException) when (cts.IsCancellationRequested) { outcome.TrySetResult("token"); }
            await ctx.ReceiveAsync();   // no token: only the stop ends this wait
        });

        cts.Cancel();
        Assert.Equal("token", await outcome.Task.WithinAsync("the caller's token ends the first wait"));
        await process.ActorTask.StopAsync().WithinAsync("the stop ends the second");
        Assert.Equal(ActorTaskState.Stopped, process.ActorTask.State);
    }
}
