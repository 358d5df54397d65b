using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Actors.Hosting.Internal;

/// <summary>
/// Unhealthy when a top-level task failed or any task restarted <see cref="ActorsHostOptions.RestartLoopThreshold"/>
/// times within the window; Degraded when a mailbox is deeper than <see cref="ActorsHostOptions.DegradedMailboxDepth"/>
/// or a handler was reported blocking within the window. The data names the paths.
/// </summary>
internal sealed class ActorsHealthCheck(ActorSystem system, IOptions<ActorsHostOptions> options, BlockingReports blocking, RestartHistory restarts) : IHealthCheck
{
    private const int MaxPaths = 20;   // paths listed per finding, so the answer stays small on a big tree

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var snapshot = system.Snapshot();
        var failed = snapshot.Tasks.Where(t => t.Depth == 1 && t.State == ActorTaskState.Failed).Select(t => t.Path).ToList();
        var looping = restarts.Looping(snapshot, settings.RestartLoopThreshold, settings.RestartLoopWindow);
        var deep = snapshot.Tasks.Where(t => t.MailboxDepth > settings.DegradedMailboxDepth).Select(t => t.Path).ToList();
        var blocked = blocking.Recent(settings.RestartLoopWindow);
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        Add(data, "failed", failed);
        Add(data, "restartLoop", looping);
        Add(data, "mailboxOverDepth", deep);
        Add(data, "blocking", blocked);
        data["tasks"] = snapshot.Total;
        HealthCheckResult result;
        if (failed.Count > 0 || looping.Count > 0)
            result = new HealthCheckResult(context.Registration.FailureStatus,
                $"{failed.Count} failed root tasks, {looping.Count} tasks in a restart loop", data: data);
        else if (deep.Count > 0 || blocked.Count > 0)
            result = HealthCheckResult.Degraded($"{deep.Count} mailboxes over {settings.DegradedMailboxDepth} messages, {blocked.Count} tasks reported blocking", data: data);
        else
            result = HealthCheckResult.Healthy($"{snapshot.Total} tasks", data);
        return Task.FromResult(result);
    }

    private static void Add(Dictionary<string, object> data, string key, List<string> paths)
    {
        if (paths.Count > 0) data[key] = paths.Take(MaxPaths).ToArray();
    }
}
