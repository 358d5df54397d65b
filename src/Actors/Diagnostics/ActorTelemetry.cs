namespace Actors;

/// <summary>
/// Names of the kernel's <see cref="System.Diagnostics.Metrics.Meter"/> and
/// <see cref="System.Diagnostics.ActivitySource"/>, for registering them with OpenTelemetry
/// (<c>AddMeter(ActorTelemetry.MeterName)</c>, <c>AddSource(ActorTelemetry.ActivitySourceName)</c>).
/// Supervisors and pools use their own meter, <c>Actors.Supervision</c>.
/// </summary>
public static class ActorTelemetry
{
    /// <summary>The kernel's meter: <c>actors.tasks.*</c>, <c>actors.messages.*</c>, <c>actors.turns.blocked</c>, <c>actors.mailbox.depth</c>.</summary>
    public const string MeterName = "Actors.Kernel";

    /// <summary>The kernel's activity source: an <c>actor.task</c> span per task and an <c>actor.message</c> span per sampled message.</summary>
    public const string ActivitySourceName = "Actors.Kernel";
}
