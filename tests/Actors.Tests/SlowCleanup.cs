namespace Actors.Tests;

/// <summary>A process body that runs until stopped, then holds its <c>finally</c> block until released.</summary>
public sealed class SlowCleanup
{
    /// <summary>Set once the body runs.</summary>
    public TaskCompletionSource Started { get; } = Signal.New();

    /// <summary>Set once the body is in its finally block (a stop reached it).</summary>
    public TaskCompletionSource InFinally { get; } = Signal.New();

    /// <summary>Complete it to let the finally block end; leave it to model cleanup that never ends.</summary>
    public TaskCompletionSource Release { get; } = Signal.New();

    /// <summary>True once the finally block ran to its end (past an await after the release).</summary>
    public bool CleanupDone { get; private set; }

    public async Task Body(ActorContext ctx)
    {
        try
        {
            Started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        }
        finally
        {
            InFinally.TrySetResult();
            await Release.Task;
            await Task.Yield();
            CleanupDone = true;
        }
    }
}
