using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Cluster.Internal;

/// <summary>Starts the hosted system's cluster node while the host starts (before the actors' root children) and leaves when it stops.</summary>
internal sealed class ClusterNodeHost(IServiceProvider services, string? nats, string? node, Action<ClusterOptions>? configure) : IHostedLifecycleService
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Actors:Cluster";

    private ClusterNode? _node;

    public ClusterNode Node => _node ?? throw new InvalidOperationException(
        "The cluster node starts with the host: resolve ClusterNode once the host has started (in an actor, or in a hosted service's StartAsync), not in a hosted service's constructor.");

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var options = BuildOptions();
        var system = services.GetRequiredService<ActorSystem>();
        try { _node = await ClusterNode.StartAsync(system, options, cancellationToken).ConfigureAwait(false); }
        catch (ArgumentException ex) when (ex.ParamName is { } setting && typeof(ClusterOptions).GetProperty(setting) is not null)
        {
            throw new InvalidOperationException($"The cluster setting {SectionName}:{setting} is invalid: {ex.Message}", ex);
        }
        services.GetService<ILoggerFactory>()?.CreateLogger("Actors.Cluster").LogInformation(
            "Cluster node {Node} joined through {Url} (subject prefix {Prefix}).", options.NodeId, options.Url, options.SubjectPrefix);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after the actors' hosted service stopped the tree (which already made the node leave); bounded by the host's deadline.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_node is not { } node) return;
        try { await node.DisposeAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false); }
        catch (OperationCanceledException) { }   // the host's deadline passed: the lease and the others' down detection finish the job
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The <c>Actors:Cluster</c> section, then the arguments given to AddCluster, then its configure callback.</summary>
    private ClusterOptions BuildOptions()
    {
        var options = new ClusterOptions();
        services.GetService<IConfiguration>()?.GetSection(SectionName).Bind(options);
        var given = new Dictionary<string, string?>();
        if (nats is not null) given[nameof(ClusterOptions.Url)] = nats;
        if (node is not null) given[nameof(ClusterOptions.NodeId)] = node;
        if (given.Count > 0) new ConfigurationBuilder().AddInMemoryCollection(given).Build().Bind(options);
        configure?.Invoke(options);
        return options;
    }
}
