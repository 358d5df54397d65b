using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Actors.Tests;

/// <summary>One captured log line: its category, level, event, formatted text and structured properties.</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception, IReadOnlyList<KeyValuePair<string, object?>> Properties)
{
    /// <summary>The <c>ActorPath</c> property, if the line has one.</summary>
    public string? Path => Properties.FirstOrDefault(p => p.Key == "ActorPath").Value as string;
}

/// <summary>
/// Captures every log line at every level. It is both an <see cref="ILoggerProvider"/> (to plug into a real
/// <c>LoggerFactory</c>) and a minimal <see cref="ILoggerFactory"/> (to pass to <see cref="ActorSystemOptions.LoggerFactory"/>).
/// </summary>
public sealed class LogCapture : ILoggerProvider, ILoggerFactory
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("LogCapture is its own only provider.");

    public void Dispose() { }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            capture.Entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception, [.. properties]));
        }
    }
}
