using Actors;
using ChatServer.Server;
using ChatServer.Web;
using Microsoft.Extensions.Options;

namespace ChatServer;

/// <summary>All the wiring between the generic host and the chat actors, in one place:
/// the actor system, the IRC server on it, graceful shutdown, the HTTP endpoints.</summary>
internal static class ChatHosting
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = builder.Configuration.GetSection("Chat").Get<ChatOptions>() ?? new ChatOptions();
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton<ChatService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChatService>());
        builder.WebHost.UseUrls($"http://{options.Host}:{Math.Max(0, options.HttpPort)}");
        builder.Logging.AddFilter("Actors", LogLevel.Warning);   // restarts and failures; not every client that leaves
        var app = builder.Build();
        app.UseWebSockets();
        WebChat.Map(app);
        return app;
    }
}

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
