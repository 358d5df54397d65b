using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.KeyValueStore;

namespace Actors.Cluster.Internal;

/// <summary>
/// Runs a named actor on at most one node. States: Contending (try to create the name's key; the
/// winner holds revision r) -> Starting (spawn the instance, then compare-and-set the key from r to its
/// address) -> Owning (the node renews the key with compare-and-set and reads it every tick) -> back to Contending when the
/// instance finishes (its key is released) or the key moved on (taken, or released because this node
/// was marked down), in which case the instance is stopped first. The key's revision is the fence: an
/// owner whose write is refused stops its instance.
/// </summary>
internal sealed class SingletonManager<TMessage>(ClusterNode node, string name, Func<ActorTask, IActorRef<TMessage>> spawn) : ISingletonManager
{
    private IActorRef<TMessage>? _instance;   // the local instance while owning; touched only by a tick round (under _busy)
    private RemoteAddress _address;           // its address
    private int _busy;                         // 1 while a round runs (Interlocked)
    private int _disposed;                     // 1 once disposed (Interlocked)

    public async Task TickAsync()
    {
        if (Volatile.Read(ref _disposed) == 1 || Interlocked.Exchange(ref _busy, 1) == 1) return;
        try
        {
            if (_instance is { } instance)
            {
                if (instance.TaskOf().IsFinished) _instance = null;   // its registration was released as it finished
                else if (!node.Holds(name, _address) || !await node.RegistryNamesAsync(name, _address).ConfigureAwait(false))
                {
                    node.Release(name, _address);
                    instance.TaskOf().Stop(new StopCause("cluster singleton taken over elsewhere", name));
                    _instance = null;
                }
                return;
            }
            await ContendAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException or ObjectDisposedException) { }
        finally { Volatile.Write(ref _busy, 0); }
    }

    private async Task ContendAsync()
    {
        var registry = node.Registry;
        var claim = JsonSerializer.SerializeToUtf8Bytes(new RegistryEntry(node.NodeId, "", typeof(TMessage).FullName!), ClusterJsonContext.Default.RegistryEntry);
        ulong claimed;
        try { claimed = await registry.CreateAsync(name, claim).ConfigureAwait(false); }
        catch (NatsKVCreateException) { return; }   // someone holds it
        // The fence: a previous owner checks the entry every tick and stops its instance once the entry is
        // not its own; wait two ticks so it has done so before this node starts the next instance.
        await Task.Delay(node.Options.HeartbeatInterval * 2, node.System.Options.TimeProvider).ConfigureAwait(false);
        var instance = spawn(node.ActorTask);
        var address = node.Expose(instance);
        var entry = JsonSerializer.SerializeToUtf8Bytes(new RegistryEntry(address.Node, address.Id, typeof(TMessage).FullName!), ClusterJsonContext.Default.RegistryEntry);
        try
        {
            var owned = await registry.UpdateAsync(name, entry, claimed).ConfigureAwait(false);
            node.Own(name, address, owned);
            _address = address;
            _instance = instance;
        }
        catch (NatsKVWrongLastRevisionException)
        {
            instance.TaskOf().Stop(new StopCause("cluster singleton claim lost before it started", name));
        }
        if (Volatile.Read(ref _disposed) == 1) await StopAsync().ConfigureAwait(false);
    }

    public Task StopAsync()
    {
        Volatile.Write(ref _disposed, 1);
        return _instance?.TaskOf().StopAsync(new StopCause("cluster singleton stopped on this node", name)) ?? Task.CompletedTask;
    }
}
