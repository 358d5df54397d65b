using System.Text;
using Actors.Cluster.Internal;

namespace Actors.Cluster;

public sealed partial class ClusterNode
{
    private readonly Lock _refsLock = new();                                         // guards the three maps below; nothing is spawned, stopped or told under it
    private readonly Dictionary<string, IInboundTarget> _exposed = new(StringComparer.Ordinal);   // exposed local actors by id
    private readonly Dictionary<ActorTask, string> _exposedIds = [];                  // the id each exposed local task got
    private readonly Dictionary<RemoteAddress, ActorTask> _standIns = [];              // stand-ins for remote actors, by address
    private long _lastExposedId;                                                       // Interlocked

    /// <summary>The id of the node <paramref name="actor"/> lives on: this node's for a local actor.</summary>
    /// <typeparam name="TMessage">The actor's message type.</typeparam>
    /// <param name="actor">A local or remote reference.</param>
    /// <returns>A node id, as in <see cref="Members"/>.</returns>
    public string NodeOf<TMessage>(IActorRef<TMessage> actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor is RemoteRef<TMessage> remote ? remote.Address.Node : NodeId;
    }

    /// <summary>Makes a local actor reachable from other nodes; returns its address (the same one each time).</summary>
    internal RemoteAddress Expose<TMessage>(IActorRef<TMessage> local)
    {
        if (local is RemoteRef<TMessage> remote) return remote.Address;
        var typeInfo = Codec.TypeInfo<TMessage>();
        string id;
        lock (_refsLock)
        {
            if (_exposedIds.TryGetValue(local.TaskOf(), out var known)) return new RemoteAddress(NodeId, known);
            id = $"{Incarnation}-{Interlocked.Increment(ref _lastExposedId)}";
            _exposed[id] = new InboundTarget<TMessage>(this, local, typeInfo);
            _exposedIds[local.TaskOf()] = id;
        }
        _ = ForgetWhenFinishedAsync(local.TaskOf(), id);
        return new RemoteAddress(NodeId, id);
    }

    private async Task ForgetWhenFinishedAsync(ActorTask task, string id)
    {
        await task.WhenFinishedAsync().ConfigureAwait(false);
        lock (_refsLock)
        {
            _exposed.Remove(id);
            _exposedIds.Remove(task);
        }
        if (Volatile.Read(ref _left) == 0) Outbound.TryWrite(new OutFrame(Subjects.MyGone, Encoding.UTF8.GetBytes(id), null));
        await ReleaseRegistrationsOfAsync(id).ConfigureAwait(false);
    }

    internal IInboundTarget? FindExposed(string id)
    {
        lock (_refsLock) return _exposed.GetValueOrDefault(id);
    }

    /// <summary>A reference for an address: the local actor itself if it lives here, else a remote reference sharing one stand-in per address.</summary>
    internal IActorRef<TMessage> RefTo<TMessage>(RemoteAddress address)
    {
        var typeInfo = Codec.TypeInfo<TMessage>();
        if (address.Node == NodeId)
        {
            var local = FindExposed(address.Id);
            if (local is InboundTarget<TMessage> target) return target.Ref;
            throw new InvalidOperationException($"Actor {address} is not running on this node or does not receive {typeof(TMessage).Name} messages.");
        }
        return new RemoteRef<TMessage>(this, address, typeInfo, StandInFor(address));
    }

    private ActorTask StandInFor(RemoteAddress address)
    {
        lock (_refsLock)
        {
            if (_standIns.TryGetValue(address, out var known) && !known.IsFinished) return known;
        }
        var standIn = ActorTask.Run(ctx => HoldAsync(ctx, address), new SpawnOptions { Label = $"remote {address}", Timeout = Timeout.InfiniteTimeSpan });
        ActorTask? winner;
        lock (_refsLock)
        {
            if (!_standIns.TryGetValue(address, out winner) || winner.IsFinished) _standIns[address] = winner = standIn;
        }
        if (!ReferenceEquals(winner, standIn)) standIn.Stop(new StopCause("duplicate stand-in"));
        if (IsDown(address.Node)) winner.Stop(new StopCause($"node {address.Node} is down"));
        return winner;
    }

    private async Task HoldAsync(ActorContext context, RemoteAddress address)
    {
        try { await global::System.Threading.Tasks.Task.Delay(Timeout.Infinite, context.Cancellation).ConfigureAwait(false); }
        finally
        {
            lock (_refsLock)
            {
                if (_standIns.TryGetValue(address, out var held) && ReferenceEquals(held, context.Self)) _standIns.Remove(address);
            }
        }
    }

    private void StopStandIn(RemoteAddress address, StopCause cause)
    {
        ActorTask? standIn;
        lock (_refsLock) _standIns.TryGetValue(address, out standIn);
        standIn?.Stop(cause);
    }

    /// <summary>Finishes the stand-ins of every actor on <paramref name="node"/> (null: on every node).</summary>
    private void StopAllStandIns(StopCause cause, string? node = null)
    {
        List<ActorTask> standIns;
        lock (_refsLock) standIns = [.. _standIns.Where(kv => node is null || kv.Key.Node == node).Select(kv => kv.Value)];
        foreach (var standIn in standIns) standIn.Stop(cause);
    }
}
