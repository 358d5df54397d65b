using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Hosting.Internal;

/// <summary>Checks at start that DI can build every declared actor, so a missing registration fails the start, not a restart at 3 a.m.</summary>
internal static class DependencyCheck
{
    /// <exception cref="InvalidOperationException">Some actor has no constructor DI can satisfy; the message names the actor and the missing services.</exception>
    public static void Verify(IEnumerable<DeclaredActor> actors, IServiceProviderIsService isService)
    {
        var errors = new List<string>();
        foreach (var actor in actors)
        {
            var constructors = actor.ActorType.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
            if (constructors.Length == 0)
            {
                errors.Add($"Actor '{actor.Path}' ({actor.ActorType.FullName}) has no public constructor; give it one.");
                continue;
            }
            var missing = constructors
                .Select(c => c.GetParameters().Where(p => !p.HasDefaultValue && !isService.IsService(p.ParameterType)).Select(p => p.ParameterType).ToList())
                .MinBy(m => m.Count)!;
            if (missing.Count > 0)
                errors.Add($"Actor '{actor.Path}' ({actor.ActorType.FullName}) needs {string.Join(", ", missing.Select(t => t.FullName))}, which is not registered; register it (for example services.AddSingleton<{missing[0].Name}>()) or change the actor's constructor.");
        }
        if (errors.Count > 0) throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
    }
}
