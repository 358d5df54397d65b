namespace Actors.Hosting;

/// <summary>Where a hosted actor's dependencies come from.</summary>
public enum ActorServiceScope
{
    /// <summary>The application's root provider: singletons and transients; scoped services cannot be resolved. The default.</summary>
    Root,

    /// <summary>A new DI scope per actor instance, disposed when that instance ends; a restart gets a new scope.</summary>
    PerInstance,
}
