namespace Actors.Supervision.Internal;

/// <summary>At most N restarts within a sliding window T. Owned by the supervisor's loop.</summary>
internal sealed class RestartIntensity(int maxRestarts, TimeSpan window, TimeProvider time)
{
    private readonly Queue<long> _restarts = new();   // timestamps of restarts still inside the window

    /// <summary>Records a restart now; false if it is one too many.</summary>
    public bool TryRecord()
    {
        var now = time.GetTimestamp();
        while (_restarts.TryPeek(out var oldest) && time.GetElapsedTime(oldest, now) >= window) _restarts.Dequeue();
        _restarts.Enqueue(now);
        return _restarts.Count <= maxRestarts;
    }
}
