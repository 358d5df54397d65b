using Microsoft.Extensions.Logging;

namespace Actors.Hosting.Internal;

/// <summary>Routes the kernel's and supervision's log lines to <see cref="ILogger"/> (category <c>Actors</c>), with the task path as a structured property.</summary>
internal sealed class ActorLogBridge(ILoggerFactory factory, BlockingReports blocking)
{
    private readonly ILogger _logger = factory.CreateLogger("Actors");   // immutable

    public void Write(ActorLogEntry entry)
    {
        if (entry.Level == ActorLogLevel.Warning && entry.Path is { } path && entry.Message.Contains("held its thread", StringComparison.Ordinal))
            blocking.Report(path);
        var level = entry.Level switch
        {
            ActorLogLevel.Debug => LogLevel.Debug,
            ActorLogLevel.Information => LogLevel.Information,
            ActorLogLevel.Warning => LogLevel.Warning,
            _ => LogLevel.Error,
        };
        if (!_logger.IsEnabled(level)) return;
        ActorsLog.KernelLine(_logger, level, entry.Path ?? "/", entry.Message, entry.Exception);
    }
}
