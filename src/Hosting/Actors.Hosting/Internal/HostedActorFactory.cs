using System.Reflection;
using Actors.Supervision;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Hosting.Internal;

/// <summary>Builds declared actors and processes through DI, with a scope per instance when asked, disposed when the instance ends.</summary>
internal static class HostedActorFactory
{
    private static readonly MethodInfo s_spawnActor = typeof(HostedActorFactory).GetMethod(nameof(SpawnActor), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo s_typedSpec = typeof(HostedActorFactory).GetMethod(nameof(TypedSpecCore), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>A supervised actor's spec that names its message type (<see cref="ChildSpec{TMessage}"/>), so its supervisor keeps a stable reference.</summary>
    public static ChildSpec TypedSpec<TActor>(IServiceProvider services, Type messageType, string name, HostedActorOptions options) =>
        (ChildSpec)s_typedSpec.MakeGenericMethod(typeof(TActor), messageType).Invoke(null, [services, name, options])!;

    /// <summary>The start function of a <typeparamref name="TActor"/> child; its message type is found by reflection.</summary>
    public static Func<ActorTask, SpawnOptions, ActorTask> ActorStarter<TActor>(IServiceProvider services, Type messageType, ActorServiceScope scope)
    {
        var spawn = s_spawnActor.MakeGenericMethod(typeof(TActor), messageType)
            .CreateDelegate<Func<IServiceProvider, ActorServiceScope, ActorTask, SpawnOptions, ActorTask>>();
        return (parent, options) => spawn(services, scope, parent, options);
    }

    /// <summary>The start function of a process child.</summary>
    public static Func<ActorTask, SpawnOptions, ActorTask> ProcessStarter(IServiceProvider services, Func<ActorContext, IServiceProvider, Task> body, ActorServiceScope scope) =>
        (parent, options) =>
        {
            var instanceScope = scope == ActorServiceScope.PerInstance ? services.CreateAsyncScope() : (AsyncServiceScope?)null;
            var provider = instanceScope?.ServiceProvider ?? services;
            var task = parent.Run(ctx => body(ctx, provider), options);
            if (instanceScope is { } s) _ = DisposeWhenFinishedAsync(task, null, s);
            return task;
        };

    /// <summary>The message type of an <see cref="IActor{TMessage}"/> implementation.</summary>
    /// <exception cref="ArgumentException">The type implements IActor&lt;T&gt; for no T or for several.</exception>
    public static Type MessageTypeOf(Type actorType)
    {
        var actors = actorType.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IActor<>)).ToList();
        return actors.Count switch
        {
            1 => actors[0].GetGenericArguments()[0],
            0 => throw new ArgumentException($"{actorType.FullName} does not implement IActor<TMessage>; implement it, or declare a process with AddProcess.", nameof(actorType)),
            _ => throw new ArgumentException($"{actorType.FullName} implements IActor<T> for several message types; an actor takes one message type (use a common base type or interface).", nameof(actorType)),
        };
    }

    private static ChildSpec<TMessage> TypedSpecCore<TActor, TMessage>(IServiceProvider services, string name, HostedActorOptions options)
        where TActor : IActor<TMessage> =>
        new(name, (parent, spawn) => SpawnActorRef<TActor, TMessage>(services, options.Scope, parent, spawn))
        {
            Restart = options.Restart,
            Shutdown = options.Shutdown,
            Options = new SpawnOptions { Timeout = Timeout.InfiniteTimeSpan, Label = options.Label, Mailbox = options.Mailbox },
        };

    private static ActorTask SpawnActor<TActor, TMessage>(IServiceProvider services, ActorServiceScope scope, ActorTask parent, SpawnOptions options)
        where TActor : IActor<TMessage> => SpawnActorRef<TActor, TMessage>(services, scope, parent, options).ActorTask;

    private static IActorRef<TMessage> SpawnActorRef<TActor, TMessage>(IServiceProvider services, ActorServiceScope scope, ActorTask parent, SpawnOptions options)
        where TActor : IActor<TMessage>
    {
        var instanceScope = scope == ActorServiceScope.PerInstance ? services.CreateAsyncScope() : (AsyncServiceScope?)null;
        TActor actor;
        try
        {
            actor = ActivatorUtilities.CreateInstance<TActor>(instanceScope?.ServiceProvider ?? services);
        }
        catch (InvalidOperationException ex)
        {
            instanceScope?.Dispose();
            throw new InvalidOperationException(
                $"Actor '{options.Name}' ({typeof(TActor).FullName}) cannot be built through DI: {ex.Message} Register the missing service, or give the actor a constructor whose parameters are all registered.", ex);
        }
        IActorRef<TMessage> reference;
        try { reference = parent.Spawn<TMessage>(actor, options); }
        catch
        {
            instanceScope?.Dispose();
            throw;
        }
        if (instanceScope is not null || actor is IDisposable or IAsyncDisposable) _ = DisposeWhenFinishedAsync(reference.ActorTask, actor, instanceScope);
        return reference;
    }

    /// <summary>Disposes an instance's own disposable actor and its scope once the instance has ended.</summary>
    private static async Task DisposeWhenFinishedAsync(ActorTask task, object? actor, AsyncServiceScope? scope)
    {
        await task.WhenFinishedAsync().ConfigureAwait(false);
        try
        {
            if (actor is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            else if (actor is IDisposable disposable) disposable.Dispose();
        }
        finally
        {
            if (scope is { } s) await s.DisposeAsync().ConfigureAwait(false);
        }
    }
}
