using Actors.Supervision;

namespace Actors.Hosting.Internal;

/// <summary>One declared child (actor, process or supervisor): its name and how to make its spec once the container is built.</summary>
/// <param name="Name">Its name under its parent.</param>
/// <param name="Build">Makes the child spec from the application's services.</param>
/// <param name="Supervisor">For a supervisor, makes its options (a root supervisor is started with <see cref="Supervision.Supervisor.Start(ActorTask, string, SupervisorOptions)"/> so its handle gives stable child references); null otherwise.</param>
internal sealed record ChildDeclaration(string Name, Func<IServiceProvider, ChildSpec> Build, Func<IServiceProvider, SupervisorOptions>? Supervisor = null);
