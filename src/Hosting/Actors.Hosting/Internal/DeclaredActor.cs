namespace Actors.Hosting.Internal;

/// <summary>An actor type declared anywhere in the tree, checked against the container at start.</summary>
/// <param name="Path">Where it runs.</param>
/// <param name="ActorType">The type built through DI.</param>
/// <param name="Scope">Where its dependencies come from.</param>
internal sealed record DeclaredActor(string Path, Type ActorType, ActorServiceScope Scope);
