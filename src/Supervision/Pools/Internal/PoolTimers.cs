namespace Actors.Supervision.Pools.Internal;

/// <summary>Creates one-shot timers that do not capture the caller's execution context (they outlive the call that armed them).</summary>
internal static class PoolTimers
{
    public static ITimer Create(TimeProvider time, TimerCallback callback, object state, TimeSpan due)
    {
        if (ExecutionContext.IsFlowSuppressed()) return time.CreateTimer(callback, state, due, Timeout.InfiniteTimeSpan);
        using (ExecutionContext.SuppressFlow()) return time.CreateTimer(callback, state, due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Makes sure a task abandoned by its awaiter does not surface as an unobserved exception.</summary>
    public static void Observe(Task task) => task.ContinueWith(
        static t => _ = t.Exception, CancellationToken.None,
        TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
