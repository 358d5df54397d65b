using Actors;
using ChatServer.Channels;
using ChatServer.Irc;
using ChatServer.Server;

namespace ChatServer.Connections;

/// <summary>One client: a handler actor that owns the client's protocol state, so an idle client holds no suspended
/// receive loop, only its mailbox. Its socket is read by a plain async loop (<see cref="ConnectionIo.ReadLoopAsync"/>)
/// that turns bytes into <see cref="ConnMsg.Line"/> messages, and written by its <see cref="SendQueue"/>, which runs only
/// while there is something to send; the idle check is one sweep for all clients (<see cref="IdleSweep"/>). Not
/// restarted: when it ends, for whatever reason (QUIT, error, crash, shutdown), the user quits with that reason and the
/// client gets ERROR as its last line.</summary>
internal sealed partial class Connection : IActor<ConnMsg>
{
    private readonly Action<string>? _released;
    private Task? _finish;   // the link's end, once begun (by the connection itself or by a stop from above)

    /// <param name="chat">The server's shared state.</param>
    /// <param name="transport">The client's byte stream.</param>
    /// <param name="released">Called with the client's host once the connection's actor has ended (frees its per-address slot).</param>
    public Connection(ChatContext chat, ClientTransport transport, Action<string>? released = null)
    {
        _released = released;
        Chat = chat;
        Transport = transport;
        Handle = new ClientHandle(chat.NextId(), transport.Host, new SendQueue(chat.Options.SendQueueBytes, transport, OnSendQExceeded), chat.Time.GetUtcNow());
    }

    public ChatContext Chat { get; }

    public ClientTransport Transport { get; }

    public ClientHandle Handle { get; }

    /// <summary>Why the link closes; set once by the connection itself (a stop from above sets it at the end).</summary>
    public string? CloseReason;

    /// <summary>Called once its actor is spawned: the client becomes visible and its socket is read.</summary>
    public void Start(IActorRef<ConnMsg> self)
    {
        Handle.Ref = self;
        Handle.LastActivityTicks = Chat.Time.GetUtcNow().UtcTicks;
        Chat.Clients[Handle.Id] = Handle;
        using (ExecutionContext.SuppressFlow()) _ = ConnectionIo.ReadLoopAsync(this);   // not the spawning supervisor's async locals
    }

    public async ValueTask ReceiveAsync(ActorContext<ConnMsg> context, ConnMsg message)
    {
        if (_finish is not null) return;
        try
        {
            using (context.DeferStop()) await HandleAsync(message).ConfigureAwait(false);   // a stop waits for the command in hand
        }
        catch (Exception)
        {
            CloseReason = "Internal error";
            await FinishOnceAsync(CloseReason).ConfigureAwait(false);
            throw;   // the connection supervisor sees the failure; the user has already quit with a reason
        }
        if (CloseReason is null) return;
        await FinishOnceAsync(CloseReason).ConfigureAwait(false);
        context.Stop(new StopCause(CloseReason));
    }

    /// <summary>The actor's stop hook: a stop from above (shutdown, the tree stopped directly) ends the link with
    /// "Server shutting down"; after the connection's own close it finds the link already ended.</summary>
    public Task OnStopAsync(StopCause cause)
    {
        CloseReason ??= Chat.ShuttingDown ? "Server shutting down" : cause.Reason;
        return FinishOnceAsync("Server shutting down");
    }

    private async Task FinishOnceAsync(string errorReason)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _finish, done.Task, null) is { } running)
        {
            await running.ConfigureAwait(false);
            return;
        }
        try { await FinishAsync(errorReason).ConfigureAwait(false); }
        finally { done.TrySetResult(); }
    }

    private async Task HandleAsync(ConnMsg message)
    {
        switch (message)
        {
            case ConnMsg.Line { Text: null }:
                Num("417", ":Input line was too long");
                break;
            case ConnMsg.Line line:
                try { await OnLineAsync(line.Text).ConfigureAwait(false); }
                catch (Exception ex) when (ex is ActorNotRunningException or ActorTimeoutException)
                {
                    Handle.Send($":{Chat.ServerName} NOTICE {Handle.Nick} :Server busy (a service is restarting); try again");
                }
                break;
            case ConnMsg.Tick: OnTick(); break;
            case ConnMsg.PeerClosed closed: CloseReason = closed.Reason; break;
            case ConnMsg.SendQExceeded: CloseReason = "SendQ exceeded"; break;
            case ConnMsg.Close close: CloseReason = close.Reason; break;
        }
    }

    private void OnTick()
    {
        var now = Chat.Time.GetUtcNow().UtcTicks;
        var options = Chat.Options;
        if (!IdleSweep.IsDue(Handle, now, options)) return;
        if (!Handle.Registered) CloseReason = "Registration timed out";
        else if (Handle.PingSentTicks != 0) CloseReason = $"Ping timeout: {(int)options.PingTimeout.TotalSeconds} seconds";
        else
        {
            Volatile.Write(ref Handle.PingSentTicks, now);
            Handle.Send($"PING :{Chat.ServerName}");
        }
    }

    /// <summary>The actor has ended (called once, by the admission): frees the address slot. An actor that ended without
    /// ending its link (stopped before it could run anything) still gives the client ERROR and a close.</summary>
    internal void Ended()
    {
        if (Volatile.Read(ref _finish) is null)
        {
            CloseReason ??= "Server shutting down";
            _ = FinishOnceAsync("Server shutting down");
        }
        _released?.Invoke(Transport.Host);
    }

    private void OnSendQExceeded() => Handle.Ref?.TryTell(ConnMsg.SendQExceeded.Instance);

    /// <summary>Ends the link: what is queued goes out, then the ERROR line (<paramref name="errorReason"/>), then the socket
    /// closes (which ends the read loop); channels hear the QUIT and the nick is freed.</summary>
    private async Task FinishAsync(string errorReason)
    {
        if (Handle.Queue.Exceeded) errorReason = "SendQ exceeded";
        await Handle.Queue.CloseAsync(IrcText.Line($"ERROR :Closing link: {Transport.Host} ({errorReason})"), TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        Transport.Close();
        Chat.Clients.TryRemove(Handle.Id, out _);
        if (Chat.ShuttingDown) return;
        if (Handle.Registered && Handle.Channels.Count > 0)
        {
            var notice = new Broadcast(IrcText.Line($":{Handle.Prefix} QUIT :{CloseReason}"));
            foreach (var slot in Handle.Channels) slot.Send(new ChanMsg.Quit(Handle, notice));
        }
        if (Handle.Nick != "*") Chat.NickRegistry.TryTell(new NickMsg.Release(Handle, Handle.Nick));
    }

    private void Num(string code, string rest) => Chat.SendNumeric(Handle, code, rest);
}
