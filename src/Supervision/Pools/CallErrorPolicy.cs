namespace Actors.Supervision.Pools;

/// <summary>What a pool does with a worker whose call threw (not fatally) during a checkout.</summary>
public enum CallErrorPolicy
{
    /// <summary>Destroy the worker when its checkout is released and create a fresh one on demand (AnyEvent::Task's refork-after-error).</summary>
    ReplaceWorker,

    /// <summary>Return the worker to the pool as if nothing happened: use it when call errors do not leave the worker in a bad state.</summary>
    KeepWorker,
}
