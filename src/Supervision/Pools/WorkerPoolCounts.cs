namespace Actors.Supervision.Pools;

/// <summary>A pool's workers and events at one moment (see <see cref="WorkerPool{TWorker}.Counts"/>).</summary>
/// <param name="Workers">Workers alive: in setup, idle, checked out or being destroyed.</param>
/// <param name="Idle">Ready workers waiting for a checkout.</param>
/// <param name="CheckedOut">Workers held by a checkout.</param>
/// <param name="Waiting">Checkouts waiting for a worker.</param>
/// <param name="Created">Workers whose setup succeeded, since the pool started.</param>
/// <param name="Destroyed">Workers destroyed (replaced, recycled, hung, aborted, stopped), since the pool started.</param>
/// <param name="Replaced">Workers destroyed because a call threw (<see cref="CallErrorPolicy.ReplaceWorker"/>).</param>
/// <param name="Recycled">Workers destroyed after <see cref="WorkerPoolOptions.MaxCheckouts"/> checkouts.</param>
/// <param name="Faulted">Workers destroyed by a fatal checkout error (hung, aborted, broken).</param>
/// <param name="SetupFailures">Setups that threw, returned null or ran past the hung-worker timeout.</param>
/// <param name="Checkouts">Checkouts handed out.</param>
public sealed record WorkerPoolCounts(
    int Workers, int Idle, int CheckedOut, int Waiting,
    long Created, long Destroyed, long Replaced, long Recycled, long Faulted, long SetupFailures, long Checkouts);
