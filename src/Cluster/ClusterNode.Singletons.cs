using Actors.Cluster.Internal;
using NATS.Client.KeyValueStore;

namespace Actors.Cluster;

public sealed partial class ClusterNode
{
    private readonly Lock _singletonsLock = new();                                      // guards _singletons
    private readonly Dictionary<string, ISingletonManager> _singletons = new(StringComparer.Ordinal);   // singletons this node takes part in

    internal INatsKVStore Registry => _registry!;

    /// <summary>
    /// Takes part in a cluster singleton: the actor registered under <paramref name="name"/> runs on exactly
    /// one of the nodes that call this with the same name. The node that first creates the name's registry
    /// entry spawns the instance with <paramref name="spawn"/> (under <see cref="ActorTask"/>) and holds the
    /// entry; when that node leaves or is marked down, or the instance finishes, another taking part spawns
    /// a new one within about <see cref="ClusterOptions.DownAfter"/> plus a heartbeat. The entry's revision
    /// fences ownership: an owner whose renewal is refused stops its instance. An instance that ends by itself (fails,
    /// returns, or is stopped other than by the cluster) is started again on the same node after a delay set by
    /// <paramref name="backoff"/>, while the node keeps the name. Reach it with
    /// <see cref="LookupAsync{TMessage}"/> (null while no instance is up).
    /// </summary>
    /// <typeparam name="TMessage">The instance's message type.</typeparam>
    /// <param name="name">The cluster name (as for <see cref="RegisterAsync{TMessage}"/>).</param>
    /// <param name="spawn">Spawns the instance under the given parent; called on this node only while it holds the name.</param>
    /// <param name="backoff">Delays between an instance that ended by itself and the next; null for <see cref="SingletonBackoff.Default"/> (1 s doubling to 30 s).</param>
    /// <returns>Dispose to stop taking part (a local instance is stopped; its name is released).</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is invalid, or <paramref name="backoff"/> has a delay out of range.</exception>
    /// <exception cref="InvalidOperationException">This node already takes part in a singleton of that name, or the message type is not declared.</exception>
    public IDisposable RunSingleton<TMessage>(string name, Func<ActorTask, IActorRef<TMessage>> spawn, SingletonBackoff? backoff = null)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(spawn);
        backoff ??= SingletonBackoff.Default;
        backoff.Validate();
        Codec.TypeInfo<TMessage>();   // fail now, not on takeover
        var manager = new SingletonManager<TMessage>(this, name, spawn, backoff);
        lock (_singletonsLock)
        {
            if (!_singletons.TryAdd(name, manager))
                throw new InvalidOperationException($"Node {NodeId} already takes part in the singleton '{name}'. Dispose the first handle before starting another.");
        }
        _ = manager.TickAsync();
        return new SingletonHandle(this, name, manager);
    }

    /// <summary>True while this node holds <paramref name="name"/> for <paramref name="address"/>.</summary>
    internal bool Holds(string name, RemoteAddress address)
    {
        lock (_ownedLock) return _owned.TryGetValue(name, out var held) && held.Address == address;
    }

    /// <summary>
    /// True while a singleton manager of <paramref name="name"/> takes part on this node: when its instance ends, the
    /// manager keeps the name (it rests, then starts the next instance), so the name is not released as the actor finishes.
    /// </summary>
    internal bool RestartsInPlace(string name)
    {
        lock (_singletonsLock) return _singletons.ContainsKey(name);
    }

    /// <summary>Stops renewing <paramref name="name"/> for <paramref name="address"/>; returns the revision last written, or null if not held.</summary>
    internal ulong? TakeOwned(string name, RemoteAddress address)
    {
        lock (_ownedLock)
        {
            if (!_owned.TryGetValue(name, out var held) || held.Address != address) return null;
            _owned.Remove(name);
            return held.Revision;
        }
    }

    /// <summary>Releases <paramref name="name"/> if this node holds it for <paramref name="address"/> (a manager that stopped after its instance ended by itself).</summary>
    internal Task ReleaseNameAsync(string name, RemoteAddress address) => ReleaseAsync(kv => kv.Key == name && kv.Value.Address == address);

    /// <summary>Stops every local singleton instance and waits until each is final (before the names are released).</summary>
    private async Task StopSingletonsAsync()
    {
        List<ISingletonManager> managers;
        lock (_singletonsLock)
        {
            managers = [.. _singletons.Values];
            _singletons.Clear();
        }
        try { await global::System.Threading.Tasks.Task.WhenAll(managers.Select(m => m.StopAsync())).WaitAsync(System.Options.StopGracePeriod).ConfigureAwait(false); }
        catch (TimeoutException) { }
    }

    private void TickSingletons()
    {
        List<ISingletonManager> managers;
        lock (_singletonsLock) managers = [.. _singletons.Values];
        foreach (var manager in managers) _ = manager.TickAsync();
    }

    private sealed class SingletonHandle(ClusterNode node, string name, ISingletonManager manager) : IDisposable
    {
        public void Dispose()
        {
            lock (node._singletonsLock)
            {
                if (node._singletons.TryGetValue(name, out var current) && ReferenceEquals(current, manager)) node._singletons.Remove(name);
            }
            _ = manager.StopAsync();
        }
    }
}
