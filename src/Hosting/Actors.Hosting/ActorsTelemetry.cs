namespace Actors.Hosting;

/// <summary>The names Actors publishes its telemetry under, for OpenTelemetry or a <c>MeterListener</c>.</summary>
public static class ActorsTelemetry
{
    /// <summary>The kernel's <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/> name.</summary>
    public const string KernelName = "Actors";

    /// <summary>The supervision meter's name (restarts, escalations).</summary>
    public const string SupervisionMeterName = "Actors.Supervision";
}
