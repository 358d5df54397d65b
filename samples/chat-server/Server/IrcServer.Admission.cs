using System.Buffers;
using Actors;
using Actors.Supervision;
using ChatServer.Connections;
using ChatServer.Irc;

namespace ChatServer.Server;

/// <summary>Admitting clients (per-address limit) and the graceful shutdown.</summary>
internal sealed partial class IrcServer
{
    /// <summary>Spawn options shared by every connection (one object, not one per client; the client's address is in WHOIS).</summary>
    private static readonly SpawnOptions s_connectionOptions = new() { Label = "client", Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Starts a connection actor for a transport (TCP or WebSocket); null if it was turned away.</summary>
    public async Task<ActorTask?> AdmitAsync(ClientTransport transport)
    {
        if (Chat.ShuttingDown || _connections is not { } connections)
        {
            await RejectAsync(transport, "Server shutting down").ConfigureAwait(false);
            return null;
        }
        var limit = Chat.Options.MaxConnectionsPerIp;
        bool rejected;
        lock (_gate)
        {
            var count = _perAddress.GetValueOrDefault(transport.Host);
            rejected = limit > 0 && count >= limit;
            if (!rejected) _perAddress[transport.Host] = count + 1;
        }
        if (rejected)
        {
            await RejectAsync(transport, "Too many connections from your address").ConfigureAwait(false);
            return null;
        }
        var connection = new Connection(Chat, transport, _release ??= Release);
        ActorTask? task = null;
        var spec = new ChildSpec($"conn-{connection.Handle.Id}", (parent, spawn) =>
        {
            var reference = parent.Spawn(connection, new SpawnOptions(spawn) { OnStop = connection.OnStopAsync });
            connection.Start(reference);
            task = reference.ActorTask;
            return task;
        })
        {
            Options = s_connectionOptions,
            Restart = RestartPolicy.Never,
            Shutdown = TimeSpan.FromSeconds(10),
        };
        ChildOperationResult result;
        try { result = await connections.StartChildAsync(spec).ConfigureAwait(false); }
        catch (Exception ex) when (ex is ActorNotRunningException or ActorStoppedException) { result = ChildOperationResult.ShuttingDown; }
        if (result != ChildOperationResult.Ok || task is null)
        {
            Release(transport.Host);
            await RejectAsync(transport, "Server shutting down").ConfigureAwait(false);
            return null;
        }
        task.WhenFinishedAsync().ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(connection.Ended);   // one delegate, no continuation task
        return task;
    }

    private void Release(string host)
    {
        lock (_gate)
        {
            var count = _perAddress.GetValueOrDefault(host) - 1;
            if (count <= 0) _perAddress.Remove(host);
            else _perAddress[host] = count;
        }
    }

    private static async Task RejectAsync(ClientTransport transport, string reason)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await transport.SendAsync(IrcText.Line($"ERROR :Closing link: {transport.Host} ({reason})"), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
        {
        }
        transport.Close();
    }

    /// <summary>Graceful shutdown: no new clients; every client is told to close (in parallel) and gets
    /// <c>ERROR :Closing link: ... (Server shutting down)</c>; then the tree stops (a connection still busy
    /// finishes its command first: its stop is deferred).</summary>
    public Task ShutdownAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate) _shutdown ??= ShutdownCoreAsync(cancellationToken);
        return _shutdown;
    }

    private async Task ShutdownCoreAsync(CancellationToken cancellationToken)
    {
        Chat.ShuttingDown = true;
        var cause = new StopCause("Server shutting down");
        if (Root.ActorTask.IsFinished) return;
        try { await Root.TerminateChildAsync("listener", cancellationToken).ConfigureAwait(false); }   // no new clients
        catch (ActorNotRunningException) { return; }   // the tree was stopped directly: the writers sent ERROR already
        var close = new ConnMsg.Close("Server shutting down");
        var tasks = new List<Task>();
        foreach (var client in Chat.Clients.Values)
        {
            client.Ref.TryTell(close);
            tasks.Add(client.Ref.ActorTask.WhenFinishedAsync(cancellationToken));
        }
        try { await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System, cancellationToken).ConfigureAwait(false); }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException) { }   // the stop below closes the rest
        await Root.ActorTask.StopAsync(cause, cancellationToken).ConfigureAwait(false);
    }
}
