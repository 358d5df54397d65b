using Actors.Hosting;

namespace OpenTelemetry.Metrics;

/// <summary>Registers Actors' meters with OpenTelemetry.</summary>
public static class ActorsMeterProviderBuilderExtensions
{
    /// <summary>Collects the kernel's and supervision's metrics (tasks, messages, failures, restarts, dead letters, mailbox depth).</summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns>The builder.</returns>
    public static MeterProviderBuilder AddActorsInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(ActorsTelemetry.KernelName, ActorsTelemetry.SupervisionMeterName);
    }
}
