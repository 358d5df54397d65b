namespace Actors.Testing.Internal;

/// <summary>A bound on one wait, on the real clock (a fake clock that nobody advances would never end it).</summary>
internal sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource _expiry;   // cancelled at the bound
    private readonly CancellationToken _caller;          // the caller's own token: its cancellation is not a failure

    public Deadline(TimeSpan bound, CancellationToken caller)
    {
        Bound = bound;
        _caller = caller;
        _expiry = new CancellationTokenSource(bound);
    }

    public TimeSpan Bound { get; }

    /// <summary>True once the bound has passed.</summary>
    public bool Expired => _expiry.IsCancellationRequested;

    /// <summary>Waits for <paramref name="change"/>; false if the bound passed first. Throws if the caller cancelled.</summary>
    public async Task<bool> WaitAsync(Task change)
    {
        _caller.ThrowIfCancellationRequested();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_expiry.Token, _caller);
        try
        {
            await change.WaitAsync(linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!_caller.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Waits a short polling interval (longer on later attempts, at most 20 ms); false if the bound passed.</summary>
    public async Task<bool> PauseAsync(int attempt)
    {
        if (Expired) return false;
        await Task.Delay(Math.Min(1 << Math.Min(attempt, 5), 20), _caller).ConfigureAwait(false);
        return !Expired;
    }

    public void Dispose() => _expiry.Dispose();
}
