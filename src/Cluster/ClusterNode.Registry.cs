using System.Text.Json;
using System.Text.RegularExpressions;
using Actors.Cluster.Internal;
using NATS.Client.Core;
using NATS.Client.KeyValueStore;

namespace Actors.Cluster;

public sealed partial class ClusterNode
{
    private readonly Lock _ownedLock = new();                                           // guards _owned
    private readonly Dictionary<string, (RemoteAddress Address, ulong Revision)> _owned = new(StringComparer.Ordinal);   // names this node holds, with the revision it wrote last
    private int _renewing;                                                               // 1 while a renewal round runs (Interlocked)

    /// <summary>
    /// Registers <paramref name="actor"/> (a local actor, or a reference from another node) under
    /// <paramref name="name"/> for the whole cluster. A name has one owner at a time. While the actor runs
    /// and its node is up the registration is renewed; it is released when the actor finishes, its node
    /// leaves or is marked down, or its lease runs out. When the name is taken, <paramref name="conflict"/>
    /// decides as it does for local names: <see cref="NameConflictPolicy.RejectNewer"/> throws;
    /// <see cref="NameConflictPolicy.Replace"/> and <see cref="NameConflictPolicy.FailOlder"/> take the name
    /// and stop the older actor (its stop cause carries a <see cref="NameOverlapException"/> under FailOlder).
    /// </summary>
    /// <typeparam name="TMessage">The actor's message type (declared to <see cref="ClusterOptions.Serializers"/>).</typeparam>
    /// <param name="name">Letters, digits, '-', '_', '=' and '.'.</param>
    /// <param name="actor">The actor.</param>
    /// <param name="conflict">What happens when the name is taken.</param>
    /// <param name="cancellationToken">Abandons the registration.</param>
    /// <returns>Completes once the name is held.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid registry key.</exception>
    /// <exception cref="NameOverlapException">The name is held by another actor and <paramref name="conflict"/> is RejectNewer.</exception>
    /// <exception cref="InvalidOperationException">The message type is not declared to the cluster's serializers.</exception>
    public async Task RegisterAsync<TMessage>(string name, IActorRef<TMessage> actor, NameConflictPolicy conflict = NameConflictPolicy.FailOlder, CancellationToken cancellationToken = default)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(actor);
        if (!Enum.IsDefined(conflict)) throw new ArgumentOutOfRangeException(nameof(conflict), conflict, "Use one of the NameConflictPolicy values.");
        var address = Expose(actor);
        var value = JsonSerializer.SerializeToUtf8Bytes(new RegistryEntry(address.Node, address.Id, typeof(TMessage).FullName!), ClusterJsonContext.Default.RegistryEntry);
        var registry = _registry!;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var created = await registry.CreateAsync(name, value, cancellationToken: cancellationToken).ConfigureAwait(false);
                Own(name, address, created);
                return;
            }
            catch (Exception ex) when (ex is NatsKVCreateException or NatsKVWrongLastRevisionException) { }   // the latter: a deleted key that another node re-created first
            var existing = await GetEntryAsync(name, cancellationToken).ConfigureAwait(false);
            if (existing is not { } held) continue;   // released meanwhile: try to create again
            var holder = new RemoteAddress(held.Entry.Node, held.Entry.Id);
            if (holder == address)
            {
                Own(name, address, held.Revision);
                return;
            }
            if (conflict == NameConflictPolicy.RejectNewer)
                throw new NameOverlapException(name, $"The cluster name '{name}' is held by {holder}. Pick another name, stop the holder first, or register with NameConflictPolicy.Replace.");
            try
            {
                var updated = await registry.UpdateAsync(name, value, held.Revision, cancellationToken: cancellationToken).ConfigureAwait(false);
                Own(name, address, updated);
                Outbound.TryWrite(new OutFrame(Subjects.To(holder) + ".displaced", JsonSerializer.SerializeToUtf8Bytes(new RegistryEntry(address.Node, address.Id, conflict.ToString()), ClusterJsonContext.Default.RegistryEntry), null));
                return;
            }
            catch (NatsKVWrongLastRevisionException) { }   // someone else wrote first: look again
        }
    }

    /// <summary>
    /// Gives back a name this node holds for <paramref name="actor"/> before the actor finishes (the entry is
    /// deleted only if it still names the actor). Names are also released on their own when the actor finishes
    /// or its node leaves.
    /// </summary>
    /// <typeparam name="TMessage">The actor's message type.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="actor">The actor it was registered for.</param>
    /// <returns>True if this node held the name for the actor and released it; false otherwise.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid registry key.</exception>
    public async Task<bool> UnregisterAsync<TMessage>(string name, IActorRef<TMessage> actor)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(actor);
        string? id;
        lock (_refsLock) id = _exposedIds.GetValueOrDefault(actor.TaskOf());
        ulong revision;
        lock (_ownedLock)
        {
            if (id is null || !_owned.TryGetValue(name, out var held) || held.Address != new RemoteAddress(NodeId, id)) return false;
            revision = held.Revision;
            _owned.Remove(name);
        }
        await DeleteIfAsync(name, revision).ConfigureAwait(false);
        return true;
    }

    /// <summary>Finds the actor registered under <paramref name="name"/> anywhere in the cluster.</summary>
    /// <typeparam name="TMessage">The message type it was registered with.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="cancellationToken">Abandons the lookup.</param>
    /// <returns>A reference (the local actor itself if it lives on this node), or null if nothing holds the name.</returns>
    /// <exception cref="InvalidOperationException">The actor receives another message type.</exception>
    public async Task<IActorRef<TMessage>?> LookupAsync<TMessage>(string name, CancellationToken cancellationToken = default)
    {
        ValidateName(name);
        var found = await GetEntryAsync(name, cancellationToken).ConfigureAwait(false);
        if (found is not { Entry: var entry }) return null;
        if (entry.MessageType != typeof(TMessage).FullName)
            throw new InvalidOperationException($"The cluster name '{name}' holds an actor that receives {entry.MessageType}, not {typeof(TMessage).FullName}. Look it up with the type it was registered with.");
        if (entry.Id.Length == 0) return null;   // a singleton claimed but not started yet
        var address = new RemoteAddress(entry.Node, entry.Id);
        if (address.Node == NodeId && FindExposed(address.Id) is null) return null;
        return RefTo<TMessage>(address);
    }

    private async Task<(RegistryEntry Entry, ulong Revision)?> GetEntryAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var kv = await _registry!.GetEntryAsync<byte[]>(name, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (kv.Value is not { Length: > 0 } bytes) return null;
            var entry = JsonSerializer.Deserialize(bytes, ClusterJsonContext.Default.RegistryEntry);
            return entry is null ? null : (entry, kv.Revision);
        }
        catch (NatsKVKeyNotFoundException) { return null; }
        catch (NatsKVKeyDeletedException) { return null; }
        catch (JsonException) { return null; }
    }

    internal void Own(string name, RemoteAddress address, ulong revision)
    {
        if (address.Node != NodeId) return;   // a reference from another node: that node does not renew it; the lease ends it
        lock (_ownedLock) _owned[name] = (address, revision);
    }

    /// <summary>Another registration took a name this node held: stop the older actor as the newer's policy says.</summary>
    private void OnDisplaced(string id, ReadOnlySpan<byte> payload)
    {
        RegistryEntry? newer = null;
        try { newer = JsonSerializer.Deserialize(payload, ClusterJsonContext.Default.RegistryEntry); }
        catch (JsonException) { }
        if (newer is null || FindExposed(id) is not { } target) return;
        string? name;
        lock (_ownedLock)
        {
            name = _owned.FirstOrDefault(kv => kv.Value.Address.Id == id).Key;
            if (name is not null) _owned.Remove(name);
        }
        var path = target.ActorTask.Path;
        var cause = newer.MessageType == nameof(NameConflictPolicy.FailOlder)
            ? new StopCause("cluster name taken by a newer registration", path, new NameOverlapException(path, $"The cluster name {name} was taken by {newer.Node}/{newer.Id}."))
            : new StopCause("replaced by a newer registration of the same cluster name", path);
        target.ActorTask.Stop(cause);
    }

    private static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || !NamePattern().IsMatch(name) || name.StartsWith('.') || name.EndsWith('.'))
            throw new ArgumentException($"Cluster name '{name}' is not valid: use letters, digits, '-', '_', '=' and '.' (not first or last).", nameof(name));
    }

    [GeneratedRegex("^[A-Za-z0-9_=.-]+$")]
    private static partial Regex NamePattern();
}
