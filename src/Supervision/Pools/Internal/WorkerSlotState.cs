namespace Actors.Supervision.Pools.Internal;

/// <summary>
/// Where one worker is in its life. Legal moves (all under the pool's lock):
/// <code>
/// Starting --ready--> Idle --checkout--> CheckedOut --release--> Idle
/// Starting --setup failed or stopped--> Gone
/// Idle | CheckedOut --replace, recycle, fault, close--> Destroying --task ended--> Gone
/// Idle | CheckedOut --task stopped from outside--> Gone
/// </code>
/// </summary>
internal enum WorkerSlotState
{
    /// <summary>The worker task runs the factory.</summary>
    Starting,

    /// <summary>Ready, in the pool's idle list.</summary>
    Idle,

    /// <summary>Held by one checkout.</summary>
    CheckedOut,

    /// <summary>Its task was asked to stop; it still counts against MaxWorkers until the task ends.</summary>
    Destroying,

    /// <summary>Its task ended; the slot number is free again.</summary>
    Gone,
}
