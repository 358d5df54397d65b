namespace Actors.Cluster.Internal;

/// <summary>One node's part in a cluster singleton: contend for the name, run the instance while holding it.</summary>
internal interface ISingletonManager
{
    /// <summary>Called on every heartbeat tick; returns at once if a previous round still runs.</summary>
    Task TickAsync();

    /// <summary>Stops taking part; a local instance is stopped, and the returned task completes when it is final.</summary>
    Task StopAsync();
}
