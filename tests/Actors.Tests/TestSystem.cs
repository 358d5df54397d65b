using System.Collections.Concurrent;

namespace Actors.Tests;

/// <summary>A system for one test: logs captured, stopped at the end.</summary>
public sealed class TestSystem : IAsyncDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public TestSystem(Action<ActorSystemOptions>? configure = null)
    {
        var options = new ActorSystemOptions { LoggerFactory = Capture, StopGracePeriod = TimeSpan.FromSeconds(10) };
        configure?.Invoke(options);
        System = new ActorSystem(options);
    }

    public ActorSystem System { get; }

    public LogCapture Capture { get; } = new();

    public ConcurrentQueue<LogEntry> Logs => Capture.Entries;

    public async ValueTask DisposeAsync() => await System.StopAsync().WaitAsync(Bound);
}
