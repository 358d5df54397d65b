using Actors;
using Actors.Supervision;
using ChatServer.Server;

namespace ChatServer.Channels;

/// <summary>Channel name to slot. A new name starts a channel actor under the channels supervisor
/// (restarted on failure); an emptied channel retires and its supervisor entry is deleted. In a cluster a new name is
/// first claimed in the cluster registry: the first node to claim it owns the channel, the others join through it.</summary>
internal sealed class ChannelDirectory(ChatContext chat)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChannelSlot> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _releasing = new(StringComparer.Ordinal);   // cluster names being given back, by key
    private long _ids;

    /// <summary>The channels supervisor's current instance.</summary>
    public Supervisor? Supervisor { get; set; }

    public int Count { get { lock (_gate) return _slots.Count; } }

    public bool TryGet(string name, out ChannelSlot slot)
    {
        lock (_gate) return _slots.TryGetValue(Irc.IrcText.Fold(name), out slot!) && !slot.Closed;
    }

    public ChannelSlot[] All()
    {
        lock (_gate) return [.. _slots.Values];
    }

    /// <summary>The channel's slot, starting its actor if the channel is new.</summary>
    public async Task<ChannelSlot> GetOrCreateAsync(string name)
    {
        var key = Irc.IrcText.Fold(name);
        ChannelSlot slot;
        var create = false;
        lock (_gate)
        {
            if (!_slots.TryGetValue(key, out slot!) || slot.Closed)
            {
                slot = new ChannelSlot(name, chat.Time.GetUtcNow());
                _slots[key] = slot;
                create = true;
            }
        }
        if (create)
        {
            try
            {
                var supervisor = Supervisor ?? throw new InvalidOperationException("The channels supervisor is not running.");
                if (chat.Cluster is { } cluster)
                {
                    Task? releasing;
                    lock (_gate) releasing = _releasing.GetValueOrDefault(key);
                    if (releasing is not null) await releasing.ConfigureAwait(false);   // this node's own earlier claim must not delete the new one
                    slot.Owner = await cluster.ResolveOwnerAsync(key).ConfigureAwait(false);
                }
                var id = name.Replace('/', '|');
                var result = await supervisor.StartChildAsync(Spec(slot, id)).ConfigureAwait(false);
                // The id is taken: by a retired channel not yet deleted, or one whose actor is still stopping (a JOIN sent on seeing its PART).
                if (result is ChildOperationResult.AlreadyPresent or ChildOperationResult.AlreadyRunning)
                    result = await supervisor.StartChildAsync(Spec(slot, id = $"{id}~{Interlocked.Increment(ref _ids)}")).ConfigureAwait(false);
                if (result != ChildOperationResult.Ok) throw new InvalidOperationException($"Channel {name} could not start: {result}.");
                slot.Id = id;
                slot.Ready.TrySetResult();
            }
            catch (Exception ex)
            {
                Forget(slot);
                slot.Ready.TrySetException(ex);
            }
        }
        await slot.Ready.Task.ConfigureAwait(false);
        return slot;
    }

    /// <summary>The channel emptied: drop the name now, and the supervisor entry once its actor has ended.</summary>
    public void Retire(ChannelSlot slot, ActorTask actor)
    {
        Forget(slot);
        if (chat.Cluster is { } cluster && slot.Owner is null) Release(cluster, slot.Key);
        var supervisor = Supervisor;
        if (supervisor is null) return;
        _ = Task.Run(async () =>
        {
            await actor.WhenFinishedAsync().ConfigureAwait(false);
            try { await supervisor.DeleteChildAsync(slot.Id).ConfigureAwait(false); }
            catch (Exception) { }   // the supervisor is shutting down or gone: nothing left to delete
        });
    }

    /// <summary>A new channels supervisor started (the old one failed): every old channel is gone.</summary>
    public void Reset(Supervisor supervisor)
    {
        lock (_gate)
        {
            foreach (var slot in _slots.Values) slot.Closed = true;
            _slots.Clear();
        }
        Supervisor = supervisor;
    }

    private void Release(Cluster.ChatCluster cluster, string key)
    {
        lock (_gate)
        {
            var previous = _releasing.GetValueOrDefault(key) ?? Task.CompletedTask;
            Task release = null!;
            release = Task.Run(async () =>
            {
                await previous.ConfigureAwait(false);
                try { await cluster.ReleaseChannelAsync(key).ConfigureAwait(false); }
                catch (Exception) { }   // the server is away: the lease ends the name
                lock (_gate) if (ReferenceEquals(_releasing.GetValueOrDefault(key), release)) _releasing.Remove(key);
            });
            _releasing[key] = release;   // under the lock the task's last step takes, so it sees this
        }
    }

    private void Forget(ChannelSlot slot)
    {
        lock (_gate)
            if (_slots.TryGetValue(slot.Key, out var current) && ReferenceEquals(current, slot)) _slots.Remove(slot.Key);
    }

    private ChildSpec Spec(ChannelSlot slot, string id) => new(id, (parent, options) =>
    {
        var actor = new ChannelActor(chat, slot);
        var reference = parent.Spawn(actor, new SpawnOptions(options) { Label = "channel" });
        if (Interlocked.Increment(ref slot.Starts) > 1) reference.Tell(new ChanMsg.Restarted());   // first in its mailbox
        slot.SetRef(reference);
        if (slot.Owner is { } owner) owner.ActorTask.Watch(reference, new ChanMsg.OwnerDown(owner));   // death watch: the owner's node going down moves the channel
        return reference.ActorTask;
    })
    {
        Restart = RestartPolicy.OnFailure,
        Shutdown = TimeSpan.FromSeconds(5),
    };
}
