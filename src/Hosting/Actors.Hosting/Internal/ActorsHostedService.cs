using System.Diagnostics;
using Actors.Supervision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Hosting.Internal;

/// <summary>
/// Starts the declared root children in order while the host starts (in <c>StartingAsync</c>, so other hosted
/// services can send to them from their <c>StartAsync</c>), and stops the tree when the host stops: top-level
/// tasks in reverse start order, deferred stops honoured, within <see cref="HostOptions.ShutdownTimeout"/>;
/// tasks still running at the deadline are logged by path and abandoned. A root child that fails stops the
/// application with <see cref="ActorsHostOptions.FailureExitCode"/>.
/// </summary>
internal sealed class ActorsHostedService(
    ActorSystem system, ActorsHostState state, HostedSupervisors supervisors, IServiceProvider services, IOptions<HostOptions> hostOptions,
    IOptions<ActorsHostOptions> options, IHostApplicationLifetime lifetime, ILogger<ActorsHostedService> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan s_subtreeWait = TimeSpan.FromSeconds(5);

    private volatile bool _stopping;   // the host is stopping: root children ending now is expected

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        DependencyCheck.Verify(state.Actors, services.GetRequiredService<IServiceProviderIsService>());
        var specs = state.Roots.Select(r => r.Build(services)).ToList();   // every spec first: a bad one fails before anything starts
        for (var i = 0; i < specs.Count; i++)
        {
            var (spec, declaration) = (specs[i], state.Roots[i]);
            ActorTask? task;
            if (declaration.Supervisor is { } options)
            {
                var supervisor = Supervisor.Start(system.Root, declaration.Name, options(services));
                supervisors.Add(declaration.Name, supervisor);
                task = supervisor.ActorTask;
            }
            else task = spec.Start(system.Root, new SpawnOptions(spec.Options) { Name = spec.Id });
            if (task is null) continue;   // the start answered "ignore": nothing runs
            _ = WatchRootAsync(task);
            await WaitForSubtreeAsync(task, cancellationToken).ConfigureAwait(false);
        }
        if (specs.Count > 0) ActorsLog.Started(logger, specs.Count, string.Join(", ", specs.Select(s => s.Id)));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        var timeout = hostOptions.Value.ShutdownTimeout;
        var started = Stopwatch.GetTimestamp();
        ActorsLog.Stopping(logger, system.Snapshot().Total, timeout);
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stop = system.StopAsync(Timeout.InfiniteTimeSpan, abandon.Token);
        try
        {
            await stop.WaitAsync(timeout, system.Options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            foreach (var task in system.Snapshot().Tasks)
                if (task.Depth > 0 && task.State is ActorTaskState.Running or ActorTaskState.Initialized) ActorsLog.Abandoned(logger, task.Path);
            await abandon.CancelAsync().ConfigureAwait(false);
            await stop.ConfigureAwait(false);
        }
        ActorsLog.Stopped(logger, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Waits until every child declared under <paramref name="root"/> runs (supervisors start their children
    /// from their own body), so the next root child, and hosted services after this one, find them by path.
    /// Supervisors expose no start signal, so this polls; it ends early if the root ends, and gives up after
    /// <see cref="s_subtreeWait"/> (a child that already finished, such as a one-shot job, is never found).
    /// </summary>
    private async Task WaitForSubtreeAsync(ActorTask root, CancellationToken cancellationToken)
    {
        var prefix = root.Path + "/";
        var pending = state.Paths.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var delay = 1;
        var started = Stopwatch.GetTimestamp();
        while (pending.Count > 0 && !root.IsFinished && Stopwatch.GetElapsedTime(started) < s_subtreeWait)
        {
            pending.RemoveAll(p => system.Find(p) is not null);
            if (pending.Count == 0) return;
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = Math.Min(delay * 2, 50);
        }
    }

    private async Task WatchRootAsync(ActorTask task)
    {
        try
        {
            await task.Completion.ConfigureAwait(false);   // reading it observes the failure: this is where it is reported
        }
        catch (ActorStoppedException)
        {
        }
        catch (Exception ex)
        {
            if (_stopping) return;
            var code = options.Value.FailureExitCode;
            ActorsLog.RootFailed(logger, task.Path, code, ex);
            Environment.ExitCode = code;
            lifetime.StopApplication();
        }
    }
}
