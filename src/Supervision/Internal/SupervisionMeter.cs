using System.Diagnostics.Metrics;

namespace Actors.Supervision.Internal;

/// <summary>The one <c>Actors.Supervision</c> meter shared by supervisors and worker pools.</summary>
internal static class SupervisionMeter
{
    /// <summary>The meter's name.</summary>
    public const string Name = "Actors.Supervision";

    public static Meter Meter { get; } = new(Name);

    public static readonly Counter<long> Restarts = Meter.CreateCounter<long>("actors.supervisor.restarts", "{restart}", "Child restarts (a group restart counts each child).");
    public static readonly Counter<long> Escalations = Meter.CreateCounter<long>("actors.supervisor.escalations", "{escalation}", "Supervisors that failed to their parent (intensity exceeded or Escalate).");

    /// <summary>Counts one event for the supervisor at <paramref name="path"/>.</summary>
    public static void Add(Counter<long> counter, string path)
    {
        if (counter.Enabled) counter.Add(1, new KeyValuePair<string, object?>("actors.supervisor", path));
    }
}
