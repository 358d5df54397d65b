using Actors.Hosting.AspNetCore;
using Actors.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.Hosting.Tests;

/// <summary>A real Kestrel on an ephemeral loopback port with the actors endpoints mapped.</summary>
public sealed class TestWebApp : IAsyncDisposable
{
    public const string Token = "test-token-0123456789abcdef";

    private TestWebApp(WebApplication app, LogCapture logs)
    {
        App = app;
        Logs = logs;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TestSystem.Bound };
    }

    public WebApplication App { get; }

    public LogCapture Logs { get; }

    public HttpClient Client { get; }

    public Uri BaseAddress => Client.BaseAddress!;

    public ActorSystem System => App.Services.GetRequiredService<ActorSystem>();

    public static async Task<TestWebApp> StartAsync(Action<ActorsBuilder> actors, Action<ActorsEndpointOptions>? endpoints = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new LogCapture();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddActors(actors);
        var app = builder.Build();
        app.MapActors("/actors", endpoints ?? (o => o.StopToken = Token));
        await app.StartAsync().WithinAsync("web app start");
        return new TestWebApp(app, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync().WithinAsync("web app stop");
        await App.DisposeAsync();
    }
}
