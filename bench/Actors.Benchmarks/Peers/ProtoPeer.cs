namespace Actors.Benchmarks.Peers;

using Proto;

/// <summary>
/// Proto.Actor systems for the peer variants: the default dispatcher and mailbox as shipped; requests
/// time out after 30 s, as the kernel's ask does by default. Each run creates and shuts down its own
/// system outside its timed region.
/// </summary>
internal static class ProtoPeer
{
    /// <summary>Suffix of the result names measured against this peer.</summary>
    public const string Suffix = "@proto";

    /// <summary>The peer as named in the report.</summary>
    public const string Label = "Proto.Actor 1.8.0";

    public static ActorSystem Create() =>
        new(ActorSystemConfig.Setup().WithActorRequestTimeout(TimeSpan.FromSeconds(30)));

    /// <summary>Shuts the system down; throws <see cref="TimeoutException"/> if it does not end in time.</summary>
    public static async Task StopAsync(ActorSystem system)
    {
        await system.ShutdownAsync("benchmark run done").WaitAsync(Runner.HangTimeout);
        BenchSystem.Require(system.Shutdown.IsCancellationRequested, "the Proto.Actor system shut down");
    }
}
