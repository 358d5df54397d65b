using Actors;
using ChatServer.Server;
using Microsoft.Extensions.Options;

namespace ChatServer;

/// <summary>Runs the actor system and the IRC server for the host's lifetime.</summary>
internal sealed class ChatService(IOptions<ChatOptions> options, ILogger<ChatService> log, ILoggerFactory loggers, IHostApplicationLifetime lifetime) : IHostedService
{
    private ActorSystem? _system;

    public IrcServer Server { get; private set; } = null!;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _system = new ActorSystem(new ActorSystemOptions
        {
            Name = "chat",
            LoggerFactory = loggers,
        });
        Server = IrcServer.Start(_system, options.Value);
        var endpoint = await Server.IrcEndPoint.WaitAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("IRC server listening on {Endpoint}; connect with: irssi -c {Host} -p {Port}", endpoint, endpoint.Address, endpoint.Port);
        // Kestrel waits for open WebSockets when it stops; start closing clients as soon as stopping begins.
        lifetime.ApplicationStopping.Register(() => _ = Server.ShutdownAsync());
        _ = _system.Completion.ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_system is null) return;
        await Server.ShutdownAsync(cancellationToken).ConfigureAwait(false);
        await _system.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}
