using Microsoft.Extensions.Logging;

namespace Actors.Testing.Internal;

/// <summary>Maps the kernel's own log entries onto captured lines (category <c>Actors</c>, the path as a property).</summary>
internal static class KernelLog
{
    public static CapturedLogEntry ToCaptured(ActorLogEntry entry) => new(
        entry.Level switch
        {
            ActorLogLevel.Debug => LogLevel.Debug,
            ActorLogLevel.Information => LogLevel.Information,
            ActorLogLevel.Warning => LogLevel.Warning,
            _ => LogLevel.Error,
        },
        "Actors", default, entry.Path is null ? entry.Message : $"{entry.Path}: {entry.Message}", entry.Exception,
        [new("ActorPath", entry.Path), new("{OriginalFormat}", "{ActorPath}: " + entry.Message)]);
}
