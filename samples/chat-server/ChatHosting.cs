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
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);   // not every page request
        var app = builder.Build();
        app.UseWebSockets();
        WebChat.Map(app);
        return app;
    }
}
