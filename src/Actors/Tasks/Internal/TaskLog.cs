using Microsoft.Extensions.Logging;

namespace Actors.Internal;

/// <summary>Log lines of the task lifecycle, category <c>Actors.Tasks</c>. Event ids 1-19.</summary>
internal static partial class TaskLog
{
    public const string Category = "Actors.Tasks";

    [LoggerMessage(EventId = 1, EventName = "UnobservedFailure", Level = LogLevel.Error,
        Message = "Task {ActorPath} failed and nobody observed it (await it, add it to a TaskGroup, or supervise it).")]
    public static partial void UnobservedFailure(ILogger logger, string actorPath, Exception? exception);

    [LoggerMessage(EventId = 2, EventName = "ChildExitHandlerThrew", Level = LogLevel.Error,
        Message = "The child exit handler of {ActorPath} threw; fix the handler, it must not throw.")]
    public static partial void ChildExitHandlerThrew(ILogger logger, string actorPath, Exception exception);

    [LoggerMessage(EventId = 3, EventName = "OnStopThrew", Level = LogLevel.Error,
        Message = "The OnStop hook of {ActorPath} threw; the kernel stops the children itself.")]
    public static partial void OnStopThrew(ILogger logger, string actorPath, Exception exception);

    [LoggerMessage(EventId = 4, EventName = "Abandoned", Level = LogLevel.Warning,
        Message = "Abandoned {ActorPath}: the body ignored the stop and the grace period ran out; it may still be running.")]
    public static partial void Abandoned(ILogger logger, string actorPath);

    [LoggerMessage(EventId = 5, EventName = "AbandonedWhileDeferring", Level = LogLevel.Information,
        Message = "Abandoned {ActorPath} inside a DeferStop section: the grace period ran out before the section ended; it may still be running.")]
    public static partial void AbandonedWhileDeferring(ILogger logger, string actorPath);
}
