using Microsoft.Extensions.Logging;

namespace Actors.Hosting.Internal;

/// <summary>
/// The host's <see cref="ILoggerFactory"/> as the actor system sees it: every line goes to the host's loggers
/// unchanged; blocking reports (<c>Actors.Messaging</c> event <c>TurnBlocked</c>) are also noted for the health
/// check. Disposing it leaves the host's factory alone.
/// </summary>
internal sealed class ActorsLoggerFactory(ILoggerFactory inner, BlockingReports blocking) : ILoggerFactory
{
    private const string MessagingCategory = "Actors.Messaging";
    private const string TurnBlocked = "TurnBlocked";

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName == MessagingCategory ? new BlockingAwareLogger(logger, blocking) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() { }

    private sealed class BlockingAwareLogger(ILogger inner, BlockingReports blocking) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        // Warnings always reach Log, so a blocking report is noted even when the host filters warnings out.
        public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Warning || inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name == TurnBlocked && state is IEnumerable<KeyValuePair<string, object?>> properties)
                foreach (var property in properties)
                    if (property is { Key: "ActorPath", Value: string path }) blocking.Report(path);
            if (inner.IsEnabled(logLevel)) inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
