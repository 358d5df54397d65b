using Actors.Hosting.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Hosting;

/// <summary>
/// Declares the root children of the hosted actor system. They start in declaration order when the host
/// starts and stop in reverse order when it stops. Each declared actor is built through DI and can be
/// injected as <c>IActorRef&lt;TMessage&gt;</c> (keyed by its name, or unkeyed when it is the only actor taking
/// that message type).
/// </summary>
public sealed class ActorsBuilder
{
    private readonly ChildList _children;   // the root's children; written while the services are configured

    internal ActorsBuilder(ActorsHostState state)
    {
        Services = state.Services;
        _children = new ChildList(state, "/", state.Roots);
    }

    /// <summary>The application's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Declares a handler actor built through DI (<c>ActivatorUtilities</c>) on every start.</summary>
    /// <typeparam name="TActor">Implements <see cref="IActor{TMessage}"/> for one message type.</typeparam>
    /// <param name="name">Its name (path <c>/name</c>).</param>
    /// <param name="configure">Scope, mailbox, label.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is invalid or taken, or the type is not an actor.</exception>
    public ActorsBuilder AddActor<TActor>(string name, Action<HostedActorOptions>? configure = null)
        where TActor : class
    {
        _children.AddActor<TActor>(name, configure);
        return this;
    }

    /// <summary>Declares a process: <paramref name="body"/> runs once, with the application's services (or its own scope).</summary>
    /// <param name="name">Its name (path <c>/name</c>).</param>
    /// <param name="body">The work; it ends when the body returns, or sees cancellation at its next await when stopped.</param>
    /// <param name="configure">Scope, label.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is invalid or taken.</exception>
    public ActorsBuilder AddProcess(string name, Func<ActorContext, IServiceProvider, Task> body, Action<HostedActorOptions>? configure = null)
    {
        _children.AddProcess(name, body, configure);
        return this;
    }

    /// <summary>Declares a supervisor and its children. If it gives up (restart intensity exceeded), the application stops with <see cref="ActorsHostOptions.FailureExitCode"/>.</summary>
    /// <param name="name">Its name (path <c>/name</c>).</param>
    /// <param name="configure">Sets its strategy and intensity and declares its children.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is invalid or taken.</exception>
    public ActorsBuilder AddSupervisor(string name, Action<ActorsSupervisorBuilder> configure)
    {
        _children.AddSupervisor(name, configure);
        return this;
    }
}
