using Actors.Supervision;

namespace Actors.Hosting.Internal;

/// <summary>One declared child (actor, process or supervisor): its name and how to make its spec once the container is built.</summary>
/// <param name="Name">Its name under its parent.</param>
/// <param name="Build">Makes the child spec from the application's services.</param>
internal sealed record ChildDeclaration(string Name, Func<IServiceProvider, ChildSpec> Build);
