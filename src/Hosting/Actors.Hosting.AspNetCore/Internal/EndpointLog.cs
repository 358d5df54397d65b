using Microsoft.Extensions.Logging;

namespace Actors.Hosting.AspNetCore.Internal;

/// <summary>The endpoints' log lines.</summary>
internal static partial class EndpointLog
{
    [LoggerMessage(EventId = 100, EventName = "ActorStopRequested", Level = LogLevel.Warning, Message = "{ActorPath}: stop requested over HTTP by {RemoteAddress}")]
    public static partial void StopRequested(ILogger logger, string actorPath, string remoteAddress);

    [LoggerMessage(EventId = 101, EventName = "ActorStopRefused", Level = LogLevel.Warning, Message = "Stop refused: missing or wrong token from {RemoteAddress}")]
    public static partial void StopRefused(ILogger logger, string remoteAddress);
}
