namespace Actors.Supervision.Pools.Internal;

/// <summary>Disposes a worker that implements <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/>, within a bound.</summary>
internal static class WorkerDisposal
{
    /// <summary>Disposes <paramref name="worker"/>; returns what went wrong (a throw, or a <see cref="TimeoutException"/> past <paramref name="bound"/>), or null.</summary>
    public static async Task<Exception?> DisposeAsync(object worker, TimeSpan bound, TimeProvider time)
    {
        try
        {
            switch (worker)
            {
                case IAsyncDisposable async:
                    var disposing = async.DisposeAsync().AsTask();
                    if (bound == Timeout.InfiniteTimeSpan) await disposing.ConfigureAwait(false);
                    else await WaitBoundedAsync(disposing, bound, time).ConfigureAwait(false);
                    break;
                case IDisposable sync:
                    sync.Dispose();   // synchronous: it can only be bounded by the worker itself
                    break;
            }
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static async Task WaitBoundedAsync(Task disposing, TimeSpan bound, TimeProvider time)
    {
        try
        {
            await disposing.WaitAsync(bound, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            PoolTimers.Observe(disposing);
            throw new TimeoutException($"Disposing the worker took longer than {bound}; it was abandoned and may still be running.");
        }
    }
}
