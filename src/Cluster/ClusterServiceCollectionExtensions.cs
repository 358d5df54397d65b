using Actors.Cluster;
using Actors.Cluster.Internal;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts the hosted actor system (<c>AddActors</c>) into a cluster.</summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Starts a <see cref="ClusterNode"/> for the hosted <c>ActorSystem</c> when the host starts: after the system
    /// exists and before the root children declared with <c>AddActors</c> start, so they (and anything resolved
    /// after the host started) can take <see cref="ClusterNode"/> by injection. The node leaves the cluster when the
    /// host stops, within its shutdown timeout. Options come from the <c>Actors:Cluster</c> configuration section
    /// (<c>Url</c>, <c>NodeId</c>, <c>SubjectPrefix</c>, <c>DownAfter</c>, ...), then <paramref name="configure"/>;
    /// they are validated at start with a message that names the setting.
    /// <para>A hosted service's constructor runs before the host starts: resolve <see cref="ClusterNode"/> from the
    /// <see cref="IServiceProvider"/> in its <c>StartAsync</c>, not in its constructor.</para>
    /// </summary>
    /// <param name="services">The application's services (<c>AddActors</c> is added if it was not).</param>
    /// <param name="configure">Adds the serializers (required) and sets other options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCluster(this IServiceCollection services, Action<ClusterOptions>? configure = null) =>
        AddClusterCore(services, null, null, configure);

    /// <summary>
    /// As <see cref="AddCluster(IServiceCollection, Action{ClusterOptions}?)"/>, with the NATS server and this node's
    /// id given here; they win over <c>Actors:Cluster:Url</c> and <c>Actors:Cluster:NodeId</c>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="nats">The NATS server (JetStream on), such as <c>nats://127.0.0.1:4222</c>.</param>
    /// <param name="node">This node's id, unique in the cluster: letters, digits, '-' and '_'.</param>
    /// <param name="configure">Adds the serializers (required) and sets other options.</param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentException"><paramref name="nats"/> or <paramref name="node"/> is empty.</exception>
    public static IServiceCollection AddCluster(this IServiceCollection services, string nats, string node, Action<ClusterOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nats);
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        return AddClusterCore(services, nats, node, configure);
    }

    private static IServiceCollection AddClusterCore(IServiceCollection services, string? nats, string? node, Action<ClusterOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(ClusterNodeHost)))
            throw new InvalidOperationException("AddCluster was called twice; a system joins one cluster. Pass every option in one call.");
        services.AddActors();
        services.AddSingleton(sp => new ClusterNodeHost(sp, nats, node, configure));
        services.AddSingleton(sp => sp.GetRequiredService<ClusterNodeHost>().Node);
        // Before the actors' hosted service, so the node is up when root children start and down after they stopped.
        var hosted = ServiceDescriptor.Singleton<IHostedService>(sp => sp.GetRequiredService<ClusterNodeHost>());
        var actors = services.Select((d, i) => (d, i)).FirstOrDefault(x => x.d.ServiceType == typeof(IHostedService)
            && x.d.ImplementationType?.FullName == "Actors.Hosting.Internal.ActorsHostedService");
        if (actors.d is null) services.Add(hosted);
        else services.Insert(actors.i, hosted);
        return services;
    }
}
