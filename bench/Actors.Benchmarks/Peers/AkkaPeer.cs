namespace Actors.Benchmarks.Peers;

using Akka.Actor;
using Akka.Configuration;

/// <summary>
/// Akka.NET systems for the peer variants: the default dispatcher and mailbox as shipped, logging off.
/// Each run creates and terminates its own system outside its timed region.
/// </summary>
internal static class AkkaPeer
{
    /// <summary>Suffix of the result names measured against this peer.</summary>
    public const string Suffix = "@akka";

    /// <summary>The peer as named in the report.</summary>
    public const string Label = "Akka.NET 1.5.74";

    private static readonly Config s_config = ConfigurationFactory.ParseString("""
        akka.loglevel = OFF
        akka.stdout-loglevel = OFF
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        akka.log-config-on-start = off
        """);

    public static ActorSystem Create() => ActorSystem.Create("bench", s_config);

    /// <summary>Terminates the system; throws <see cref="TimeoutException"/> if it does not end in time.</summary>
    public static async Task StopAsync(ActorSystem system)
    {
        await system.Terminate().WaitAsync(Runner.HangTimeout);
        await system.WhenTerminated.WaitAsync(Runner.HangTimeout);
    }
}
