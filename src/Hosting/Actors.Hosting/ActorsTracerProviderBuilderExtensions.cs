using Actors;
using Actors.Hosting;

namespace OpenTelemetry.Trace;

/// <summary>Registers Actors' spans with OpenTelemetry.</summary>
public static class ActorsTracerProviderBuilderExtensions
{
    /// <summary>Collects task spans and sampled message spans (see <see cref="ActorsHostOptions.MessageTraceSampling"/>), linked across actors.</summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns>The builder.</returns>
    public static TracerProviderBuilder AddActorsInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(ActorTelemetry.ActivitySourceName);
    }
}
