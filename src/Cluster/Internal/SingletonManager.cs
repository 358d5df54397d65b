using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.KeyValueStore;

namespace Actors.Cluster.Internal;

/// <summary>
/// Runs a named actor on at most one node. States: Contending (try to create the name's key; the winner holds
/// revision r) -> Starting (spawn the instance, then compare-and-set the key from r to its address) -> Owning (the
/// node renews the key with compare-and-set and reads it every tick) -> Resting when the instance ends by itself (the
/// key is set back to a claim, so no other node takes the name and lookups give null; after the backoff delay the
/// node starts the next instance: Starting) -> back to Contending when the key moved on (taken, or released because
/// this node was marked down), in which case the instance is stopped first. The key's revision is the fence: an
/// owner whose write is refused stops its instance.
/// </summary>
internal sealed class SingletonManager<TMessage>(ClusterNode node, string name, Func<ActorTask, IActorRef<TMessage>> spawn, SingletonBackoff backoff) : ISingletonManager
{
    private readonly CancellationTokenSource _stopped = new();   // cancelled by StopAsync: ends a wait (claim fence, rest)
    private IActorRef<TMessage>? _instance;   // the local instance while owning; touched only by a tick round (under _busy)
    private RemoteAddress _address;           // its address
    private long _startedAt;                  // TimeProvider timestamp of its start
    private int _ends;                        // consecutive ends by itself of instances that ran less than StablePeriod
    private int _busy;                        // 1 while a round runs (Interlocked)
    private int _disposed;                    // 1 once disposed (Interlocked)

    private TimeProvider Time => node.System.Options.TimeProvider;

    public async Task TickAsync()
    {
        if (Volatile.Read(ref _disposed) == 1 || Interlocked.Exchange(ref _busy, 1) == 1) return;
        try
        {
            if (_instance is { } instance)
            {
                if (instance.TaskOf().IsFinished) await RestAsync().ConfigureAwait(false);
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
        catch (Exception ex) when (ex is NatsException or OperationCanceledException or ObjectDisposedException || node.ActorTask.IsFinished) { }
        finally { Volatile.Write(ref _busy, 0); }
    }

    private byte[] Claim => JsonSerializer.SerializeToUtf8Bytes(new RegistryEntry(node.NodeId, "", typeof(TMessage).FullName!), ClusterJsonContext.Default.RegistryEntry);

    private async Task ContendAsync()
    {
        ulong claimed;
        try { claimed = await node.Registry.CreateAsync(name, Claim).ConfigureAwait(false); }
        catch (Exception ex) when (ex is NatsKVCreateException or NatsKVWrongLastRevisionException) { return; }   // someone holds it (the latter: it re-created a deleted key first)
        // The fence: a previous owner checks the entry every tick and stops its instance once the entry is not its
        // own; wait two ticks so it has done so before this node starts the next instance.
        await WaitAsync(node.Options.HeartbeatInterval * 2, claimed).ConfigureAwait(false);
        await StartAsync(claimed).ConfigureAwait(false);
    }

    /// <summary>Spawns the instance and moves the key from this node's claim (at <paramref name="claimed"/>) to its address.</summary>
    private async Task StartAsync(ulong claimed)
    {
        IActorRef<TMessage> instance;
        while (true)
        {
            try
            {
                instance = spawn(node.ActorTask);
                break;
            }
            catch (Exception) when (!node.ActorTask.IsFinished)   // the user's spawn failed: counts as an end, tried again after the backoff
            {
                _ends++;
                await WaitAsync(backoff.DelayAfter(_ends), claimed).ConfigureAwait(false);
            }
        }
        var address = node.Expose(instance);
        var entry = JsonSerializer.SerializeToUtf8Bytes(new RegistryEntry(address.Node, address.Id, typeof(TMessage).FullName!), ClusterJsonContext.Default.RegistryEntry);
        try
        {
            var owned = await node.Registry.UpdateAsync(name, entry, claimed).ConfigureAwait(false);
            node.Own(name, address, owned);
            _address = address;
            _instance = instance;
            _startedAt = Time.GetTimestamp();
            _ = TickWhenFinishedAsync(instance.TaskOf());
        }
        catch (NatsKVWrongLastRevisionException)
        {
            instance.TaskOf().Stop(new StopCause("cluster singleton claim lost before it started", name));
        }
        if (Volatile.Read(ref _disposed) == 1) await StopAsync().ConfigureAwait(false);
    }

    /// <summary>The instance ended by itself: keep the name as a claim, wait the backoff delay, start the next instance here.</summary>
    private async Task RestAsync()
    {
        _ends = Time.GetElapsedTime(_startedAt) >= backoff.StablePeriod ? 1 : _ends + 1;
        _instance = null;
        if (node.TakeOwned(name, _address) is not { } revision) return;   // taken meanwhile: contend on the next tick
        ulong claimed;
        try { claimed = await node.Registry.UpdateAsync(name, Claim, revision).ConfigureAwait(false); }
        catch (NatsKVWrongLastRevisionException)
        {
            // A renewal wrote after the revision read above, or the key moved on: take it back only if it still names the ended instance.
            var current = await node.Registry.GetEntryAsync<byte[]>(name).ConfigureAwait(false);
            var held = current.Value is { Length: > 0 } bytes ? JsonSerializer.Deserialize(bytes, ClusterJsonContext.Default.RegistryEntry) : null;
            if (held is null || held.Node != _address.Node || held.Id != _address.Id) return;
            claimed = await node.Registry.UpdateAsync(name, Claim, current.Revision).ConfigureAwait(false);
        }
        await WaitAsync(backoff.DelayAfter(_ends), claimed).ConfigureAwait(false);
        await StartAsync(claimed).ConfigureAwait(false);
    }

    /// <summary>Waits while holding the claim at <paramref name="claimed"/>, renewing it every third of the lease; on StopAsync the claim is deleted.</summary>
    private async Task WaitAsync(TimeSpan delay, ulong claimed)
    {
        var step = node.Options.RegistrationLease / 3;
        try
        {
            while (delay > TimeSpan.Zero)
            {
                var wait = delay < step ? delay : step;
                await Task.Delay(wait, Time, _stopped.Token).ConfigureAwait(false);
                delay -= wait;
                if (delay > TimeSpan.Zero) claimed = await node.Registry.UpdateAsync(name, Claim, claimed).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopped.IsCancellationRequested)
        {
            try { await node.Registry.DeleteAsync(name, new NatsKVDeleteOpts { Revision = claimed }).ConfigureAwait(false); }
            catch (Exception ex) when (ex is NatsException or ObjectDisposedException) { }   // the lease ends it
            throw;
        }
    }

    private async Task TickWhenFinishedAsync(ActorTask instance)
    {
        await instance.WhenFinishedAsync().ConfigureAwait(false);
        await TickAsync().ConfigureAwait(false);   // a round still running sees it on the next tick
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) await _stopped.CancelAsync().ConfigureAwait(false);
        if (_instance is not { } instance) return;
        await instance.TaskOf().StopAsync(new StopCause("cluster singleton stopped on this node", name)).ConfigureAwait(false);
        await node.ReleaseNameAsync(name, _address).ConfigureAwait(false);   // an instance that had ended by itself kept its name
    }
}
