using Microsoft.Extensions.Logging;

namespace Actors.Hosting.Internal;

/// <summary>The host's log lines (category <c>Actors.Hosting.ActorsHostedService</c>, event ids 100-119), source-generated: nothing is formatted when the level is off.</summary>
internal static partial class ActorsLog
{
    [LoggerMessage(EventId = 100, EventName = "ActorsStarted", Level = LogLevel.Information, Message = "Started {Count} root actors: {Names}")]
    public static partial void Started(ILogger logger, int count, string names);

    [LoggerMessage(EventId = 101, EventName = "ActorsStopping", Level = LogLevel.Information, Message = "Stopping the actor tree ({Running} tasks) within {Timeout}")]
    public static partial void Stopping(ILogger logger, int running, TimeSpan timeout);

    [LoggerMessage(EventId = 102, EventName = "ActorsStopped", Level = LogLevel.Information, Message = "Actor tree stopped in {ElapsedMs} ms")]
    public static partial void Stopped(ILogger logger, long elapsedMs);

    [LoggerMessage(EventId = 103, EventName = "ActorAbandoned", Level = LogLevel.Warning, Message = "{ActorPath}: still running at the shutdown deadline; abandoned (its cleanup is no longer waited for)")]
    public static partial void Abandoned(ILogger logger, string actorPath);

    [LoggerMessage(EventId = 104, EventName = "RootActorFailed", Level = LogLevel.Critical, Message = "{ActorPath}: root actor failed; stopping the application with exit code {ExitCode}")]
    public static partial void RootFailed(ILogger logger, string actorPath, int exitCode, Exception exception);
}
