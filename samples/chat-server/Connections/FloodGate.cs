namespace ChatServer.Connections;

/// <summary>Token bucket: <c>burst</c> lines at once, then <c>rate</c> lines per second. Used only by the reader task.</summary>
internal sealed class FloodGate(TimeProvider time, int burst, double rate)
{
    private double _tokens = burst;
    private long _last = time.GetTimestamp();

    /// <summary>Takes one line's token; returns how long the reader must wait before passing the line on.</summary>
    public TimeSpan Take()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + time.GetElapsedTime(_last, now).TotalSeconds * rate);
        _last = now;
        _tokens -= 1;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / rate);
    }
}
