namespace Actors.Supervision.Pools.Internal;

/// <summary>
/// A worker that tells its pool more about itself: words for labels and messages (a process worker gives
/// its process id), and whether it broke while idle (its process exited), so it is not handed out.
/// Both members are read under the pool's lock: they must be cheap and must not block.
/// </summary>
internal interface IPoolWorker
{
    /// <summary>Short words, such as "process 1234".</summary>
    string Description { get; }

    /// <summary>True once the worker can no longer serve calls.</summary>
    bool IsBroken { get; }
}
