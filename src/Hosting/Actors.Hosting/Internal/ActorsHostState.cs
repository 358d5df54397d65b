using Microsoft.Extensions.DependencyInjection;

namespace Actors.Hosting.Internal;

/// <summary>
/// What <c>AddActors</c> calls declared: root children in order, every actor type, and the names behind each
/// typed reference. Registered once as a singleton instance, so a second <c>AddActors</c> call adds to it.
/// Written only while the service collection is configured; read after the container is built.
/// </summary>
internal sealed class ActorsHostState(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    /// <summary>Root children in declaration (start) order.</summary>
    public List<ChildDeclaration> Roots { get; } = [];

    /// <summary>Every actor type in the tree, for the start-time DI check.</summary>
    public List<DeclaredActor> Actors { get; } = [];

    /// <summary>The path of every declared child at any depth, so the start can wait until a root child's subtree is up.</summary>
    public List<string> Paths { get; } = [];

    /// <summary>Per message type, the names and paths of the actors that take it.</summary>
    public Dictionary<Type, List<(string Name, string Path)>> RefTargets { get; } = [];
}
