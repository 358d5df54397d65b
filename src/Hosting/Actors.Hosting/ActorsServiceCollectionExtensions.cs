using Actors;
using Actors.Hosting;
using Actors.Hosting.Internal;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Actors to a generic host.</summary>
public static class ActorsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="ActorSystem"/> as a singleton (logging through the host's <see cref="ILoggerFactory"/>,
    /// metering through its <see cref="IMeterFactory"/>), options bound from the <c>Actors</c> configuration
    /// section and validated at start, and a hosted service that
    /// starts the declared root children in order and stops the tree in reverse within the host's shutdown
    /// timeout. Safe to call more than once: later calls declare more children.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Declares root children (actors, processes, supervisors).</param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentException">A declaration is invalid (duplicate name, not an actor type); the message says which.</exception>
    public static IServiceCollection AddActors(this IServiceCollection services, Action<ActorsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var state = services.FirstOrDefault(d => d.ServiceType == typeof(ActorsHostState) && !d.IsKeyedService)?.ImplementationInstance as ActorsHostState;
        if (state is null)
        {
            state = new ActorsHostState(services);
            services.AddSingleton(state);
            services.AddOptions<ActorsHostOptions>().BindConfiguration(ActorsHostOptions.SectionName).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ActorsHostOptions>, ActorsHostOptionsValidator>());
            services.TryAddSingleton(sp => new BlockingReports(sp.GetService<TimeProvider>() ?? TimeProvider.System));
            services.TryAddSingleton(sp => new RestartHistory(sp.GetService<TimeProvider>() ?? TimeProvider.System));
            services.TryAddSingleton(CreateSystem);
            services.TryAddSingleton<HostedSupervisors>();
            services.AddHostedService<ActorsHostedService>();
        }
        configure?.Invoke(new ActorsBuilder(state));
        return services;
    }

    /// <summary>
    /// Adds a health check named <paramref name="name"/>: Unhealthy when a root subtree failed or a task is in a
    /// restart loop; Degraded when a mailbox is over <see cref="ActorsHostOptions.DegradedMailboxDepth"/> or a
    /// handler was reported blocking. Its data lists the paths.
    /// </summary>
    /// <param name="builder">From <c>services.AddHealthChecks()</c>.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">Reported instead of Unhealthy; null for Unhealthy.</param>
    /// <param name="tags">Tags to filter checks by.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddActorsHealthChecks(this IHealthChecksBuilder builder, string name = "actors", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddActors();
        return builder.AddCheck<ActorsHealthCheck>(name, failureStatus, tags ?? []);
    }

    private static ActorSystem CreateSystem(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ActorsHostOptions>>().Value;
        var shutdown = services.GetService<IOptions<HostOptions>>()?.Value.ShutdownTimeout ?? TimeSpan.FromSeconds(30);
        return new ActorSystem(new ActorSystemOptions
        {
            Name = options.Name,
            TaskTimeout = options.TaskTimeout,
            AskTimeout = options.AskTimeout,
            Throughput = options.Throughput,
            BlockingThreshold = options.BlockingThreshold,
            MessageTraceSampling = options.MessageTraceSampling,
            StopGracePeriod = shutdown == Timeout.InfiniteTimeSpan || shutdown > TimeSpan.Zero ? shutdown : TimeSpan.FromMilliseconds(1),
            TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System,
            LoggerFactory = new ActorsLoggerFactory(services.GetRequiredService<ILoggerFactory>(), services.GetRequiredService<BlockingReports>()),
            MeterFactory = services.GetService<IMeterFactory>(),
        });
    }
}
