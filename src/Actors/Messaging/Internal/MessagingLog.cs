using Microsoft.Extensions.Logging;

namespace Actors.Internal;

/// <summary>Log lines of message handling, category <c>Actors.Messaging</c>. Event ids 20-39.</summary>
internal static partial class MessagingLog
{
    public const string Category = "Actors.Messaging";

    [LoggerMessage(EventId = 20, EventName = "ResumeOnThrew", Level = LogLevel.Error,
        Message = "ResumeOn of {ActorPath} threw; the actor fails instead.")]
    public static partial void ResumeOnThrew(ILogger logger, string actorPath, Exception exception);

    [LoggerMessage(EventId = 21, EventName = "HandlerResumed", Level = LogLevel.Warning,
        Message = "A handler of {ActorPath} threw; the message was skipped and the actor resumes.")]
    public static partial void HandlerResumed(ILogger logger, string actorPath, Exception exception);

    [LoggerMessage(EventId = 22, EventName = "DeadLetterSubscriberThrew", Level = LogLevel.Error,
        Message = "A dead-letter subscriber threw on a message to {ActorPath}; it must not.")]
    public static partial void DeadLetterSubscriberThrew(ILogger logger, string actorPath, Exception exception);

    [LoggerMessage(EventId = 23, EventName = "TurnBlocked", Level = LogLevel.Warning,
        Message = "A handler turn of {ActorPath} held its thread for {ElapsedMs:F0} ms (threshold {ThresholdMs:F0} ms); a blocking call stalls every actor behind it. Await instead of blocking.")]
    public static partial void TurnBlocked(ILogger logger, string actorPath, double elapsedMs, double thresholdMs);
}
