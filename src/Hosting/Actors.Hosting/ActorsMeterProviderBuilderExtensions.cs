using Actors;
using Actors.Supervision;

namespace OpenTelemetry.Metrics;

/// <summary>Registers Actors' meters with OpenTelemetry.</summary>
public static class ActorsMeterProviderBuilderExtensions
{
    /// <summary>Collects the kernel's and supervision's metrics (<c>actors.tasks.*</c>, <c>actors.messages.*</c>, <c>actors.mailbox.depth</c>, <c>actors.supervisor.*</c>, <c>actors.pool.*</c>).</summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns>The builder.</returns>
    public static MeterProviderBuilder AddActorsInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(ActorTelemetry.MeterName, SupervisionTelemetry.MeterName);
    }
}
