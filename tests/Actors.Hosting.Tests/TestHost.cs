using Actors.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Hosting.Tests;

/// <summary>A real generic host for one test: no console output, logs captured, stopped and disposed at the end.</summary>
public sealed class TestHost : IAsyncDisposable
{
    private TestHost(IHost host, LogCapture logs)
    {
        Host = host;
        Logs = logs;
    }

    public IHost Host { get; }

    public LogCapture Logs { get; }

    public IServiceProvider Services => Host.Services;

    public ActorSystem System => Services.GetRequiredService<ActorSystem>();

    public static TestHost Build(Action<ActorsBuilder>? actors, Action<HostApplicationBuilder>? configure = null, Dictionary<string, string?>? settings = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var logs = new LogCapture();
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.Services.AddActors(actors);
        configure?.Invoke(builder);
        return new TestHost(builder.Build(), logs);
    }

    public static async Task<TestHost> StartAsync(Action<ActorsBuilder>? actors, Action<HostApplicationBuilder>? configure = null, Dictionary<string, string?>? settings = null)
    {
        var host = Build(actors, configure, settings);
        await host.Host.StartAsync().WithinAsync("host start");
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync().WithinAsync("host stop");
        Host.Dispose();
    }
}
