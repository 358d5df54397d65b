using Microsoft.Extensions.Logging;

namespace Actors.Supervision.Pools.Internal;

/// <summary>Log lines of worker pools, category <c>Actors.Supervision.Pools</c>. Event ids 200-299. <c>ActorPath</c> is the worker's path, or the pool's.</summary>
internal static partial class PoolLog
{
    public const string Category = "Actors.Supervision.Pools";

    [LoggerMessage(EventId = 200, EventName = "WorkerDestroying", Level = LogLevel.Information,
        Message = "Destroying worker {ActorPath}: {Reason}.")]
    public static partial void WorkerDestroying(ILogger logger, string actorPath, string reason);

    [LoggerMessage(EventId = 201, EventName = "WorkerFaulted", Level = LogLevel.Warning,
        Message = "Destroying worker {ActorPath} after a fatal checkout error.")]
    public static partial void WorkerFaulted(ILogger logger, string actorPath, Exception exception);

    [LoggerMessage(EventId = 202, EventName = "IdleWorkerBroke", Level = LogLevel.Warning,
        Message = "Destroying worker {ActorPath}, which broke while idle.")]
    public static partial void IdleWorkerBroke(ILogger logger, string actorPath);

    [LoggerMessage(EventId = 203, EventName = "PoolStopping", Level = LogLevel.Debug,
        Message = "Worker pool {ActorPath} stopping ({Reason}); {WaitingCheckouts} waiting checkouts fail.")]
    public static partial void PoolStopping(ILogger logger, string actorPath, string reason, int waitingCheckouts);

    [LoggerMessage(EventId = 204, EventName = "WorkerDisposeFailed", Level = LogLevel.Warning,
        Message = "Disposing worker {ActorPath} failed or ran past the hung-worker timeout.")]
    public static partial void WorkerDisposeFailed(ILogger logger, string actorPath, Exception exception);

    [LoggerMessage(EventId = 205, EventName = "WorkerReady", Level = LogLevel.Debug,
        Message = "Worker {ActorPath} ready ({Label}, restarts {Restarts}).")]
    public static partial void WorkerReady(ILogger logger, string actorPath, string label, int restarts);

    [LoggerMessage(EventId = 206, EventName = "WorkerSetupFailed", Level = LogLevel.Warning,
        Message = "Setup of worker {ActorPath} failed; {Outcome}.")]
    public static partial void WorkerSetupFailed(ILogger logger, string actorPath, string outcome, Exception? exception);

    [LoggerMessage(EventId = 207, EventName = "WorkerFailed", Level = LogLevel.Warning,
        Message = "Worker {ActorPath} failed.")]
    public static partial void WorkerFailed(ILogger logger, string actorPath, Exception? exception);

    [LoggerMessage(EventId = 208, EventName = "WorkerDestroyed", Level = LogLevel.Debug,
        Message = "Worker {ActorPath} destroyed ({Reason}).")]
    public static partial void WorkerDestroyed(ILogger logger, string actorPath, string reason);
}
