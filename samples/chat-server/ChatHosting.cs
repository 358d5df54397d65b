using Actors.Hosting;
using ChatServer.Web;
using Microsoft.Extensions.Options;

namespace ChatServer;

/// <summary>All the wiring between the generic host and the chat actors, in one place: the hosted actor
/// system (<c>AddActors</c>: logs through the host's logger, the tree stopped within the host's shutdown
/// deadline), the IRC server on it, the web chat page and the live tree (<c>/actors</c>, <c>/actors/ui</c>).</summary>
internal static class ChatHosting
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = builder.Configuration.GetSection("Chat").Get<ChatOptions>() ?? new ChatOptions();
        builder.Services.AddSingleton(Options.Create(options));
        // The system is named "chat" unless --Actors:Name says otherwise (configured before AddActors binds the section).
        builder.Services.AddOptions<ActorsHostOptions>().Configure(o => o.Name = "chat");
        // The chat's hierarchy is not declared here: the server keeps handles to its nested supervisors (new
        // connections and channels are started under them at run time) and gives each child its own shutdown
        // deadline, which AddActors' declarations don't express. AddActors provides the system and stops it
        // with the host; ChatService (registered after it, so stopped before it) starts /chat on that system
        // and sends every client its ERROR line before the system's stop closes the tree.
        builder.Services.AddActors();
        if (!string.IsNullOrEmpty(options.Cluster))
        {
            // A cluster of chat servers: the node starts with the host and leaves after the chat has stopped.
            options.Validate();
            // Each node its own server name (WHOIS's 312 names the user's node), unless --Chat:ServerName says otherwise.
            if (builder.Configuration["Chat:ServerName"] is null) options.ServerName = $"{options.Node}.{options.ServerName}";
            if (options.StartNats) Cluster.LocalNats.EnsureRunning(options.Cluster);   // a loopback URL with nothing there: start one
            builder.Services.AddCluster(options.Cluster, options.Node!, o => o.Serializers.Add(Cluster.ChatJsonContext.Default));
        }
        builder.Services.AddSingleton<ChatService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChatService>());
        builder.WebHost.UseUrls($"http://{options.Host}:{Math.Max(0, options.HttpPort)}");
        builder.Logging.AddFilter("Actors", LogLevel.Warning);   // restarts and failures; not every client that leaves
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);   // not every page request
        var app = builder.Build();
        app.UseWebSockets();
        WebChat.Map(app);
        // The live tree: JSON at /actors, the page at /actors/ui; POST /actors/stop only with --Actors:StopToken=<secret>.
        var stopToken = builder.Configuration["Actors:StopToken"];
        app.MapActors("/actors", o => o.StopToken = string.IsNullOrEmpty(stopToken) ? null : stopToken);
        return app;
    }
}
