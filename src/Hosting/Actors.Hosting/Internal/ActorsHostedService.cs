using System.Diagnostics;
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
    ActorSystem system, ActorsHostState state, IServiceProvider services, IOptions<HostOptions> hostOptions,
    IOptions<ActorsHostOptions> options, IHostApplicationLifetime lifetime, ILogger<ActorsHostedService> logger) : IHostedLifecycleService
{
    private volatile bool _stopping;   // the host is stopping: root children ending now is expected

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        DependencyCheck.Verify(state.Actors, services.GetRequiredService<IServiceProviderIsService>());
        var specs = state.Roots.Select(r => r.Build(services)).ToList();   // every spec first: a bad one fails before anything starts
        foreach (var spec in specs)
        {
            var task = spec.Start(system.Root, new SpawnOptions(spec.Options) { Name = spec.Id });
            _ = WatchRootAsync(task);
        }
        if (specs.Count > 0) ActorsLog.Started(logger, specs.Count, string.Join(", ", specs.Select(s => s.Id)));
        return Task.CompletedTask;
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
