using Actors.Supervision;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Hosting.Internal;

/// <summary>The children declared under one parent (the root or a supervisor), shared by both builders.</summary>
internal sealed class ChildList(ActorsHostState state, string parentPath, List<ChildDeclaration> children)
{
    public List<ChildDeclaration> Children => children;

    public void AddActor<TActor>(string name, Action<HostedActorOptions>? configure)
        where TActor : class
    {
        var messageType = HostedActorFactory.MessageTypeOf(typeof(TActor));
        var options = Configure(name, configure);
        options.Label ??= typeof(TActor).Name;
        var path = PathOf(name);
        // Under a supervisor the spec names its message type, so the supervisor keeps a stable reference for the slot.
        Add(parentPath == "/"
            ? new ChildDeclaration(name, services => Spec(name, options, HostedActorFactory.ActorStarter<TActor>(services, messageType, options.Scope)))
            : new ChildDeclaration(name, services => HostedActorFactory.TypedSpec<TActor>(services, messageType, name, options)));
        state.Actors.Add(new DeclaredActor(path, typeof(TActor), options.Scope));
        RegisterRef(messageType, name, path);
    }

    public void AddProcess(string name, Func<ActorContext, IServiceProvider, Task> body, Action<HostedActorOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(body);
        var options = Configure(name, configure);
        Add(new ChildDeclaration(name, services => Spec(name, options, HostedActorFactory.ProcessStarter(services, body, options.Scope))));
    }

    public void AddSupervisor(string name, Action<ActorsSupervisorBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ValidateName(name);
        var nested = new ActorsSupervisorBuilder(state, PathOf(name));
        configure(nested);
        Add(new ChildDeclaration(name, services => ChildSpec.Supervisor(name, nested.BuildOptions(services)), nested.BuildOptions));
    }

    private HostedActorOptions Configure(string name, Action<HostedActorOptions>? configure)
    {
        ValidateName(name);
        var options = new HostedActorOptions();
        configure?.Invoke(options);
        if (!Enum.IsDefined(options.Scope)) throw new ArgumentOutOfRangeException(nameof(configure), options.Scope, $"Actor '{name}': use an ActorServiceScope value.");
        ArgumentNullException.ThrowIfNull(options.Mailbox, nameof(HostedActorOptions.Mailbox));
        return options;
    }

    internal static ChildSpec Spec(string name, HostedActorOptions options, Func<ActorTask, SpawnOptions, ActorTask> start) => new(name, start)
    {
        Restart = options.Restart,
        Shutdown = options.Shutdown,
        Options = new SpawnOptions { Timeout = Timeout.InfiniteTimeSpan, Label = options.Label, Mailbox = options.Mailbox },
    };

    private void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('/') || name[0] == '$')
            throw new ArgumentException($"'{name}' is not a valid actor name: use no '/' and do not start with '$'.", nameof(name));
        if (children.Any(c => c.Name == name))
            throw new ArgumentException($"Two children of '{parentPath}' are named '{name}'; give each child its own name.", nameof(name));
    }

    private void Add(ChildDeclaration declaration)
    {
        children.Add(declaration);
        state.Paths.Add(PathOf(declaration.Name));
    }

    private string PathOf(string name) => parentPath == "/" ? "/" + name : parentPath + "/" + name;

    /// <summary>Registers <c>IActorRef&lt;TMessage&gt;</c>: keyed by the actor's name, and unkeyed while only one actor takes that message type.</summary>
    private void RegisterRef(Type messageType, string name, string path)
    {
        var refType = typeof(IActorRef<>).MakeGenericType(messageType);
        if (!state.RefTargets.TryGetValue(messageType, out var targets))
        {
            state.RefTargets[messageType] = targets = [];
            state.Services.AddSingleton(refType, services =>
            {
                if (targets.Count == 1) return services.GetRequiredKeyedService(refType, targets[0].Name);
                throw new InvalidOperationException(
                    $"{targets.Count} declared actors take {messageType.Name} ({string.Join(", ", targets.Select(t => t.Path))}); inject one by name: [FromKeyedServices(\"{targets[0].Name}\")] IActorRef<{messageType.Name}>.");
            });
        }
        if (targets.Any(t => t.Name == name))
            throw new ArgumentException($"Two actors taking {messageType.Name} are named '{name}' ({targets.First(t => t.Name == name).Path} and {path}); typed references are keyed by name, so rename one.", nameof(name));
        targets.Add((name, path));
        var proxyType = typeof(HostedActorRef<>).MakeGenericType(messageType);
        state.Services.AddKeyedSingleton(refType, name, (services, _) =>
            Activator.CreateInstance(proxyType, services.GetRequiredService<ActorSystem>(), services.GetRequiredService<HostedSupervisors>(), path)!);
    }
}
