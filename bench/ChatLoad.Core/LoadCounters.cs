using System.Diagnostics;

namespace ChatLoad;

/// <summary>Deliveries counted across clients; completes when the expected number arrived.</summary>
internal sealed class LoadCounters
{
    private long _delivered;
    private long _expected = long.MaxValue;
    private volatile TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long DeliveredCount => Interlocked.Read(ref _delivered);

    public long LastDeliveryTimestamp;

    public Task AllDelivered => _done.Task;

    public void Expect(long count)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _delivered, 0);
        Volatile.Write(ref _expected, count);
    }

    public void Delivered()
    {
        var n = Interlocked.Increment(ref _delivered);
        if (n >= Volatile.Read(ref _expected))
        {
            LastDeliveryTimestamp = Stopwatch.GetTimestamp();
            _done.TrySetResult();
        }
    }
}
