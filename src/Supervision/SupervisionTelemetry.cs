namespace Actors.Supervision;

/// <summary>
/// The name of the supervisors' and worker pools' <see cref="System.Diagnostics.Metrics.Meter"/>, for
/// registering it with OpenTelemetry (<c>AddMeter(SupervisionTelemetry.MeterName)</c>). The kernel's
/// names are in <see cref="ActorTelemetry"/>.
/// </summary>
public static class SupervisionTelemetry
{
    /// <summary>The meter of <c>actors.supervisor.*</c> and <c>actors.pool.*</c>; created through <see cref="ActorSystemOptions.MeterFactory"/> when one is given.</summary>
    public const string MeterName = "Actors.Supervision";
}
