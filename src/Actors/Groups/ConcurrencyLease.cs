namespace Actors;

/// <summary>
/// A slot of a <see cref="ConcurrencyLimit"/> held without a task (<see cref="ConcurrencyLimit.AcquireAsync"/>):
/// disposing it releases the slot, once; later disposals do nothing.
/// </summary>
public sealed class ConcurrencyLease : IDisposable
{
    private ConcurrencyLimit? _limit;   // the owner until released (Interlocked)

    internal ConcurrencyLease(ConcurrencyLimit limit) => _limit = limit;

    /// <summary>True until the slot is released.</summary>
    public bool IsHeld => Volatile.Read(ref _limit) is not null;

    /// <summary>Releases the slot: the oldest waiter (a start or an acquire) gets it.</summary>
    public void Dispose() => Interlocked.Exchange(ref _limit, null)?.Release();
}
