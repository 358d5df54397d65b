using Microsoft.Extensions.Logging;

namespace Actors.Testing.Internal;

/// <summary>A logger of one category that records into its <see cref="LogCapture"/> and forwards to its added providers.</summary>
internal sealed class CaptureLogger(LogCapture owner, string category) : ILogger
{
    private Forwarding _forward = new([], []);   // rebuilt when the owner's providers change

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner.MinimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            IReadOnlyList<KeyValuePair<string, object?>> properties = state switch
            {
                IReadOnlyList<KeyValuePair<string, object?>> list => [.. list],
                null => [],
                _ => [new("State", state)],
            };
            owner.Record(new CapturedLogEntry(logLevel, category, eventId, formatter(state, exception), exception, properties));
        }
        foreach (var logger in Forward()) logger.Log(logLevel, eventId, state, exception, formatter);
    }

    private ILogger[] Forward()
    {
        var providers = owner.Providers;
        var forward = Volatile.Read(ref _forward);
        if (!ReferenceEquals(forward.Providers, providers))
        {
            forward = new Forwarding(providers, Array.ConvertAll(providers, p => p.CreateLogger(category)));
            Volatile.Write(ref _forward, forward);
        }
        return forward.Loggers;
    }

    private sealed record Forwarding(ILoggerProvider[] Providers, ILogger[] Loggers);
}
