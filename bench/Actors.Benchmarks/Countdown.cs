namespace Actors.Benchmarks;

/// <summary>Completes <see cref="Task"/> when <see cref="Signal"/> has been called <c>count</c> times (thread-safe).</summary>
internal sealed class Countdown(int count)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining = count;

    public Task Task => _done.Task;

    public int Remaining => Volatile.Read(ref _remaining);

    public void Signal()
    {
        if (Interlocked.Decrement(ref _remaining) == 0) _done.TrySetResult();
    }
}
