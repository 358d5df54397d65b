using System.Runtime.ExceptionServices;
using Actors;
using ChatServer.Channels;
using ChatServer.Irc;
using ChatServer.Server;

namespace ChatServer.Connections;

/// <summary>One client: a process with a mailbox that owns the client's protocol state. Its socket is read by a plain
/// async loop (<see cref="ConnectionIo.ReadLoopAsync"/>) that turns bytes into <see cref="ConnMsg.Line"/> messages, and
/// written by its <see cref="SendQueue"/>, which runs only while there is something to send; the idle check is one sweep
/// for all clients (<see cref="IdleSweep"/>). Not restarted: when it ends, for whatever reason (QUIT, error, crash,
/// shutdown), the user quits with that reason and the client gets ERROR as its last line.</summary>
internal sealed partial class Connection
{
    private readonly Action<string>? _released;
    private ActorContext<ConnMsg> _ctx = null!;
    private volatile bool _started;

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

    /// <summary>Why the link closes; set once by the connection itself (a stop from above leaves it null until the end).</summary>
    public string? CloseReason;

    public async Task RunAsync(ActorContext<ConnMsg> ctx)
    {
        _ctx = ctx;
        _started = true;
        Handle.Ref = ctx.SelfRef;
        Handle.LastActivityTicks = Chat.Time.GetUtcNow().UtcTicks;
        Chat.Clients[Handle.Id] = Handle;
        _ = ConnectionIo.ReadLoopAsync(this, ctx.Cancellation);
        ExceptionDispatchInfo? crash = null;
        var fromAbove = false;
        try
        {
            while (CloseReason is null)
            {
                var message = await ctx.ReceiveAsync().ConfigureAwait(false);
                using (ctx.DeferStop()) await HandleAsync(message).ConfigureAwait(false);   // a stop waits for the command in hand
            }
        }
        catch (OperationCanceledException) when (ctx.IsStopping) { fromAbove = true; }
        catch (Exception ex)
        {
            crash = ExceptionDispatchInfo.Capture(ex);
            CloseReason = "Internal error";
        }
        finally
        {
            CloseReason ??= Chat.ShuttingDown ? "Server shutting down" : ctx.StopCause?.Reason ?? "Closed";
            await FinishAsync(fromAbove || Chat.ShuttingDown ? "Server shutting down" : CloseReason).ConfigureAwait(false);
        }
        crash?.Throw();   // the connection supervisor sees the failure; the user has already quit with a reason
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

    /// <summary>The actor has ended (called once, by the admission): frees the address slot. An actor stopped before its body
    /// ran (the tree went down as it was admitted) never ran <see cref="FinishAsync"/>: the client still gets ERROR and a close.</summary>
    internal void Ended()
    {
        if (!_started) _ = CloseUnstartedAsync();
        _released?.Invoke(Transport.Host);
    }

    private async Task CloseUnstartedAsync()
    {
        await Handle.Queue.CloseAsync(IrcText.Line($"ERROR :Closing link: {Transport.Host} (Server shutting down)"), TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        Transport.Close();
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
