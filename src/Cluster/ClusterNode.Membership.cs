using System.Text;
using Actors.Cluster.Internal;
using NATS.Client.Core;

namespace Actors.Cluster;

public sealed partial class ClusterNode
{
    private readonly Lock _membersLock = new();                                   // guards the two collections below
    private readonly Dictionary<string, long> _lastSeen = new(StringComparer.Ordinal);   // other nodes by id: TimeProvider timestamp of their last heartbeat
    private readonly HashSet<string> _down = new(StringComparer.Ordinal);           // nodes marked down (until heard from again)
    private ITimer? _heartbeat;                                                     // ticks every HeartbeatInterval while running
    private long _lastRenewal;                                                      // timestamp of the last renewal round (heartbeat timer only)

    /// <summary>The nodes this node hears from (itself included), in id order.</summary>
    public IReadOnlyList<string> Members
    {
        get
        {
            lock (_membersLock) return [.. _lastSeen.Keys.Where(n => !_down.Contains(n)).Append(NodeId).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Raised (on a timer thread) when a node is marked down: it left, or was silent for <see cref="ClusterOptions.DownAfter"/>.</summary>
    public event Action<string>? NodeDown;

    internal bool IsDown(string node)
    {
        lock (_membersLock) return _down.Contains(node);
    }

    private void StartMembership()
    {
        var time = System.Options.TimeProvider;
        _lastRenewal = time.GetTimestamp();
        _heartbeat = time.CreateTimer(static s => ((ClusterNode)s!).Tick(), this, TimeSpan.Zero, Options.HeartbeatInterval);
    }

    private void StopMembership() => _heartbeat?.Dispose();

    /// <summary>Stops heartbeats without leaving, as a hung or killed node would (tests).</summary>
    internal void SilenceForTest() => StopMembership();

    /// <summary>Drops out as a killed process would: no goodbye, no release, the connection just closes (tests).</summary>
    internal async Task CrashForTestAsync()
    {
        Interlocked.Exchange(ref _left, 1);
        StopMembership();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private void Tick()
    {
        if (Volatile.Read(ref _left) == 1) return;
        _ = PublishHeartbeatAsync();
        var time = System.Options.TimeProvider;
        List<string> silent;
        lock (_membersLock)
            silent = [.. _lastSeen.Where(kv => !_down.Contains(kv.Key) && time.GetElapsedTime(kv.Value) > Options.DownAfter).Select(kv => kv.Key)];
        foreach (var node in silent) MarkDown(node, $"node {node} silent for over {Options.DownAfter.TotalSeconds:0.#} s");
        TickSingletons();
        if (time.GetElapsedTime(_lastRenewal) >= Options.RegistrationLease / 3)
        {
            _lastRenewal = time.GetTimestamp();
            _ = RenewAsync();
        }
    }

    private async Task PublishHeartbeatAsync()
    {
        try { await _connection.PublishAsync(Subjects.MyHeartbeat, Encoding.UTF8.GetBytes(Incarnation)).ConfigureAwait(false); }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException or ObjectDisposedException) { }
    }

    private void OnHeartbeat(NatsMsg<byte[]> msg)
    {
        var node = Subjects.LastToken(msg.Subject);
        if (node == NodeId) return;
        lock (_membersLock)
        {
            _lastSeen[node] = System.Options.TimeProvider.GetTimestamp();
            _down.Remove(node);
        }
    }

    private void OnBye(NatsMsg<byte[]> msg)
    {
        var node = Subjects.LastToken(msg.Subject);
        if (node != NodeId) MarkDown(node, $"node {node} left");
    }

    /// <summary>Marks a node down once: references to its actors finish, and its registrations are released.</summary>
    private void MarkDown(string node, string reason)
    {
        lock (_membersLock)
        {
            if (!_down.Add(node)) return;
        }
        StopAllStandIns(new StopCause(reason), node);
        _ = ReleaseNodeAsync(node);
        try { NodeDown?.Invoke(node); }
        catch (Exception) { /* a subscriber's failure is not the node's */ }
    }

    /// <summary>Deletes the registrations a down node held (each only if unchanged since read, so a new holder is never removed).</summary>
    private async Task ReleaseNodeAsync(string node)
    {
        try
        {
            await foreach (var key in _registry!.GetKeysAsync().ConfigureAwait(false))
            {
                if (await GetEntryAsync(key, CancellationToken.None).ConfigureAwait(false) is { } held && held.Entry.Node == node)
                    await DeleteIfAsync(key, held.Revision).ConfigureAwait(false);
            }
            TickSingletons();   // contend for the names just freed now, not at the next heartbeat
        }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException or ObjectDisposedException) { }
    }
}
