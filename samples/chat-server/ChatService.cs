using Actors;
using Actors.Cluster;
using ChatServer.Cluster;
using ChatServer.Server;
using Microsoft.Extensions.Options;

namespace ChatServer;

/// <summary>Starts the IRC server (<c>/chat</c>) on the hosted actor system, and shuts it down gracefully (every
/// client gets its ERROR line) before the host stops the system.</summary>
internal sealed class ChatService(ActorSystem system, IOptions<ChatOptions> options, ILogger<ChatService> log, IHostApplicationLifetime lifetime, IServiceProvider services) : IHostedService
{
    private volatile bool _stopping;

    public IrcServer Server { get; private set; } = null!;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // In a cluster the node started with the host (before this service): resolve it now, not in the constructor.
        var cluster = string.IsNullOrEmpty(options.Value.Cluster) ? null : new ChatCluster(services.GetRequiredService<ClusterNode>());
        Server = IrcServer.Start(system, options.Value, cluster);
        var endpoint = await Server.IrcEndPoint.WaitAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("IRC server listening on {Endpoint}; connect with: irssi -c {Host} -p {Port}", endpoint, endpoint.Address, endpoint.Port);
        // Kestrel waits for open WebSockets when it stops; start closing clients as soon as stopping begins.
        lifetime.ApplicationStopping.Register(() =>
        {
            _stopping = true;
            _ = Server.ShutdownAsync();
        });
        _ = StopWhenFinishedAsync(Server.Root.ActorTask);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        if (Server is null) return;
        await Server.ShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The /chat supervisor gave up (or was stopped from the live page): the application ends with it.</summary>
    private async Task StopWhenFinishedAsync(ActorTask root)
    {
        await root.WhenFinishedAsync().ConfigureAwait(false);
        if (_stopping) return;
        log.LogError("The chat server's root {Path} ended; stopping the application.", root.Path);
        if (root.Completion.Exception?.InnerException is not (null or ActorStoppedException)) Environment.ExitCode = 1;
        lifetime.StopApplication();
    }
}
