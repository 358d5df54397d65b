using Actors.Hosting.Internal;
using Actors.Supervision;

namespace Actors.Hosting;

/// <summary>Declares one supervisor's strategy, intensity and children (started in declaration order, stopped in reverse).</summary>
public sealed class ActorsSupervisorBuilder
{
    private readonly ChildList _children;   // written while the services are configured

    internal ActorsSupervisorBuilder(ActorsHostState state, string path) => _children = new ChildList(state, path, []);

    /// <summary>Which children restart together.</summary>
    /// <value><see cref="SupervisionStrategy.OneForOne"/>.</value>
    public SupervisionStrategy Strategy { get; set; }

    /// <summary>Restarts allowed within <see cref="Window"/>; one more and the supervisor gives up.</summary>
    /// <value>3.</value>
    public int MaxRestarts { get; set; } = 3;

    /// <summary>The sliding window for <see cref="MaxRestarts"/>.</summary>
    /// <value>5 seconds.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Delays between restarts.</summary>
    /// <value><see cref="RestartBackoff.None"/>.</value>
    public RestartBackoff Backoff { get; set; } = RestartBackoff.None;

    /// <summary>Declares a handler actor built through DI on every start (path <c>/supervisor/name</c>).</summary>
    /// <inheritdoc cref="ActorsBuilder.AddActor{TActor}(string, Action{HostedActorOptions}?)"/>
    public ActorsSupervisorBuilder AddActor<TActor>(string name, Action<HostedActorOptions>? configure = null)
        where TActor : class
    {
        _children.AddActor<TActor>(name, configure);
        return this;
    }

    /// <summary>Declares a process, run afresh on every start.</summary>
    /// <inheritdoc cref="ActorsBuilder.AddProcess(string, Func{ActorContext, IServiceProvider, Task}, Action{HostedActorOptions}?)"/>
    public ActorsSupervisorBuilder AddProcess(string name, Func<ActorContext, IServiceProvider, Task> body, Action<HostedActorOptions>? configure = null)
    {
        _children.AddProcess(name, body, configure);
        return this;
    }

    /// <summary>Declares a nested supervisor.</summary>
    /// <inheritdoc cref="ActorsBuilder.AddSupervisor(string, Action{ActorsSupervisorBuilder})"/>
    public ActorsSupervisorBuilder AddSupervisor(string name, Action<ActorsSupervisorBuilder> configure)
    {
        _children.AddSupervisor(name, configure);
        return this;
    }

    internal SupervisorOptions BuildOptions(IServiceProvider services) => new()
    {
        Strategy = Strategy,
        MaxRestarts = MaxRestarts,
        Window = Window,
        Backoff = Backoff,
        Children = _children.Children.Select(c => c.Build(services)).ToList(),
    };
}
