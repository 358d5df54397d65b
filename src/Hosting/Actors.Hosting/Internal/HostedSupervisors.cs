using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Actors.Supervision;

namespace Actors.Hosting.Internal;

/// <summary>The handles of the root supervisors the host started, to reach the stable references of their (nested) children by path.</summary>
internal sealed class HostedSupervisors
{
    private readonly ConcurrentDictionary<string, Supervisor> _roots = new(StringComparer.Ordinal);   // root supervisor name -> handle

    public void Add(string name, Supervisor supervisor) => _roots[name] = supervisor;

    /// <summary>The stable reference of the supervised child at <paramref name="path"/>.</summary>
    /// <param name="path">An absolute path at least two segments deep, under a root supervisor.</param>
    /// <param name="reference">The reference, or null.</param>
    /// <param name="lastsForever">True when the reference lasts as long as its root supervisor (a direct child), so it can be kept; a nested supervisor's children get new references when it restarts.</param>
    public bool TryResolve<TMessage>(string path, [NotNullWhen(true)] out IActorRef<TMessage>? reference, out bool lastsForever)
    {
        reference = null;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        lastsForever = segments.Length == 2;
        if (segments.Length < 2 || !_roots.TryGetValue(segments[0], out var supervisor)) return false;
        for (var i = 1; i < segments.Length - 1; i++)
        {
            supervisor = supervisor.ChildSupervisor(segments[i]);
            if (supervisor is null) return false;
        }
        return supervisor.TryGetRef(segments[^1], out reference);
    }
}
