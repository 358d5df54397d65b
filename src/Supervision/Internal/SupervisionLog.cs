using Microsoft.Extensions.Logging;

namespace Actors.Supervision.Internal;

/// <summary>Log lines of supervisors, category <c>Actors.Supervision</c>. Event ids 100-199.</summary>
internal static partial class SupervisionLog
{
    public const string Category = "Actors.Supervision";

    [LoggerMessage(EventId = 100, EventName = "ChildNotRestarted", Level = LogLevel.Information,
        Message = "Child '{ChildId}' of {ActorPath} ended {ChildState} and is not restarted ({RestartPolicy}, {Directive}).")]
    public static partial void ChildNotRestarted(ILogger logger, string actorPath, string childId, ActorTaskState childState, RestartPolicy restartPolicy, SupervisorDirective directive, Exception? exception);

    [LoggerMessage(EventId = 101, EventName = "ChildRestarting", Level = LogLevel.Warning,
        Message = "Child '{ChildId}' of {ActorPath} ended {ChildState}; restarting ({Strategy}).")]
    public static partial void ChildRestarting(ILogger logger, string actorPath, string childId, ActorTaskState childState, SupervisionStrategy strategy, Exception? exception);

    [LoggerMessage(EventId = 102, EventName = "DeciderThrew", Level = LogLevel.Error,
        Message = "The decider of {ActorPath} threw; escalating.")]
    public static partial void DeciderThrew(ILogger logger, string actorPath, Exception exception);

    [LoggerMessage(EventId = 103, EventName = "Escalating", Level = LogLevel.Error,
        Message = "Supervisor {ActorPath} escalates to its parent.")]
    public static partial void Escalating(ILogger logger, string actorPath, Exception exception);

    [LoggerMessage(EventId = 104, EventName = "SignificantChildEnded", Level = LogLevel.Information,
        Message = "Significant child '{ChildId}' of {ActorPath} ended; the supervisor shuts down ({AutoShutdown}).")]
    public static partial void SignificantChildEnded(ILogger logger, string actorPath, string childId, AutoShutdown autoShutdown);

    [LoggerMessage(EventId = 105, EventName = "RestartWarningsSuppressed", Level = LogLevel.Warning,
        Message = "Child '{ChildId}' of {ActorPath}: {Suppressed} more restart warnings suppressed in the last {PeriodSeconds} s (restart storm).")]
    public static partial void RestartWarningsSuppressed(ILogger logger, string actorPath, string childId, int suppressed, double periodSeconds);

    [LoggerMessage(EventId = 106, EventName = "RestartFailed", Level = LogLevel.Warning,
        Message = "Restart of child '{ChildId}' of {ActorPath} failed; retrying after the backoff.")]
    public static partial void RestartFailed(ILogger logger, string actorPath, string childId, Exception exception);

    [LoggerMessage(EventId = 107, EventName = "ChildAbandoned", Level = LogLevel.Warning,
        Message = "Child '{ChildId}' of {ActorPath} did not stop within {ShutdownTimeout}; abandoning it.")]
    public static partial void ChildAbandoned(ILogger logger, string actorPath, string childId, TimeSpan shutdownTimeout);

    [LoggerMessage(EventId = 110, EventName = "ChildIgnored", Level = LogLevel.Information,
        Message = "Child '{ChildId}' of {ActorPath} answered ignore; it is not started and not restarted.")]
    public static partial void ChildIgnored(ILogger logger, string actorPath, string childId);
}
