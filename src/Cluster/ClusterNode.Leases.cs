using System.Text.Json;
using Actors.Cluster.Internal;
using NATS.Client.Core;
using NATS.Client.KeyValueStore;

namespace Actors.Cluster;

// Leases: the names this node holds are renewed by compare-and-set, written again if deleted, deleted when released.
public sealed partial class ClusterNode
{
    /// <summary>Renews every name this node holds; a name whose revision moved on (taken, or released as down) is forgotten.</summary>
    private async Task RenewAsync()
    {
        if (Interlocked.Exchange(ref _renewing, 1) == 1) return;
        try
        {
            List<KeyValuePair<string, (RemoteAddress Address, ulong Revision)>> owned;
            lock (_ownedLock) owned = [.. _owned];
            foreach (var (name, (address, revision)) in owned)
            {
                if (FindExposed(address.Id) is null) continue;   // finished: its name is being released (a singleton's set back to a claim), not renewed
                var value = JsonSerializer.SerializeToUtf8Bytes(new RegistryEntry(address.Node, address.Id, TypeOf(address)), ClusterJsonContext.Default.RegistryEntry);
                try
                {
                    var renewed = await _registry!.UpdateAsync(name, value, revision).ConfigureAwait(false);
                    lock (_ownedLock)
                    {
                        if (_owned.TryGetValue(name, out var now) && now.Revision == revision) _owned[name] = (address, renewed);
                    }
                }
                catch (NatsKVWrongLastRevisionException) { await ReclaimAsync(name, address, revision, value).ConfigureAwait(false); }
                catch (Exception ex) when (ex is NatsException or OperationCanceledException or ObjectDisposedException) { }   // tried again next round
            }
        }
        finally { Volatile.Write(ref _renewing, 0); }
    }

    /// <summary>True if the registry entry for <paramref name="name"/> names <paramref name="address"/>; false if it names another or none. Throws when the server cannot be read.</summary>
    internal async Task<bool> RegistryNamesAsync(string name, RemoteAddress address)
    {
        try
        {
            var kv = await _registry!.GetEntryAsync<byte[]>(name).ConfigureAwait(false);
            var entry = kv.Value is { Length: > 0 } bytes ? JsonSerializer.Deserialize(bytes, ClusterJsonContext.Default.RegistryEntry) : null;
            return entry is not null && entry.Node == address.Node && entry.Id == address.Id;
        }
        catch (NatsKVKeyNotFoundException) { return false; }
        catch (NatsKVKeyDeletedException) { return false; }
    }

    /// <summary>Forgets a name this node held for <paramref name="address"/> (it was taken or released elsewhere).</summary>
    internal void Release(string name, RemoteAddress address)
    {
        lock (_ownedLock)
        {
            if (_owned.TryGetValue(name, out var held) && held.Address == address) _owned.Remove(name);
        }
    }

    /// <summary>A renewal was refused: write the name again if its entry was deleted (this node was marked down, or the lease ran out); forget it if another actor holds it.</summary>
    private async Task ReclaimAsync(string name, RemoteAddress address, ulong revision, byte[] value)
    {
        if (FindExposed(address.Id) is null || await GetEntryAsync(name, CancellationToken.None).ConfigureAwait(false) is not null)
        {
            Forget(name, revision);
            return;
        }
        try
        {
            var created = await _registry!.CreateAsync(name, value).ConfigureAwait(false);
            lock (_ownedLock)
            {
                if (_owned.TryGetValue(name, out var now) && now.Revision == revision) _owned[name] = (address, created);
            }
        }
        catch (Exception ex) when (ex is NatsKVCreateException or NatsKVWrongLastRevisionException) { Forget(name, revision); }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException or ObjectDisposedException) { }   // tried again next round
    }

    private string TypeOf(RemoteAddress address) => FindExposed(address.Id)?.MessageType ?? "";

    private void Forget(string name, ulong revision)
    {
        lock (_ownedLock)
        {
            if (_owned.TryGetValue(name, out var now) && now.Revision == revision) _owned.Remove(name);
        }
    }

    private Task ReleaseRegistrationsOfAsync(string id) => ReleaseAsync(kv => kv.Value.Address.Id == id && !RestartsInPlace(kv.Key));

    private Task ReleaseRegistrationsAsync() => ReleaseAsync(_ => true);

    private async Task ReleaseAsync(Func<KeyValuePair<string, (RemoteAddress Address, ulong Revision)>, bool> which)
    {
        List<KeyValuePair<string, (RemoteAddress Address, ulong Revision)>> released;
        lock (_ownedLock)
        {
            released = [.. _owned.Where(which)];
            foreach (var kv in released) _owned.Remove(kv.Key);
        }
        foreach (var (name, (_, revision)) in released) await DeleteIfAsync(name, revision).ConfigureAwait(false);
    }

    /// <summary>Deletes a registration if it is still the one written at <paramref name="revision"/>.</summary>
    private async Task DeleteIfAsync(string name, ulong revision)
    {
        try { await _registry!.DeleteAsync(name, new NatsKVDeleteOpts { Revision = revision }).ConfigureAwait(false); }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException or ObjectDisposedException) { }   // the lease ends it
    }
}
