using System.Runtime.ExceptionServices;
using Actors;
using ChatServer.Channels;
using ChatServer.Irc;
using ChatServer.Server;

namespace ChatServer.Connections;

/// <summary>One client: a process with a mailbox that owns the client's protocol state; its children are a
/// reader task (pipe to lines, flood control) and a writer task (send queue to pipe). Not restarted: when it
/// ends, for whatever reason (QUIT, error, crash, shutdown), the user quits with that reason.</summary>
internal sealed partial class Connection
{
    private ActorContext<ConnMsg> _ctx = null!;
    private DateTimeOffset _lastActivity;
    private DateTimeOffset? _pingSent;

    public Connection(ChatContext chat, ClientTransport transport)
    {
        Chat = chat;
        Transport = transport;
        Handle = new ClientHandle(chat.NextId(), transport.Host, new SendQueue(chat.Options.SendQueueBytes, OnSendQExceeded), chat.Time.GetUtcNow());
    }

    public ChatContext Chat { get; }

    public ClientTransport Transport { get; }

    public ClientHandle Handle { get; }

    /// <summary>Why the link closes; set once, read by the writer for the final ERROR line.</summary>
    public volatile string? CloseReason;

    public async Task RunAsync(ActorContext<ConnMsg> ctx)
    {
        _ctx = ctx;
        Handle.Ref = ctx.SelfRef;
        Chat.Clients[Handle.Id] = Handle;
        _lastActivity = Chat.Time.GetUtcNow();
        var writer = ctx.Run(c => ConnectionIo.WriteLoopAsync(c, this), new SpawnOptions { Name = "writer", Timeout = Timeout.InfiniteTimeSpan });
        var reader = ctx.Run(c => ConnectionIo.ReadLoopAsync(c, this), new SpawnOptions { Name = "reader", Timeout = Timeout.InfiniteTimeSpan });
        var options = Chat.Options;
        var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(10).Ticks, Math.Min(options.PingInterval.Ticks, options.PingTimeout.Ticks) / 4));
        ctx.Timers.Periodic("idle", tick, ConnMsg.Tick.Instance);
        ExceptionDispatchInfo? crash = null;
        try
        {
            while (CloseReason is null)
            {
                var message = await ctx.ReceiveAsync().ConfigureAwait(false);
                using (ctx.DeferStop()) await HandleAsync(message).ConfigureAwait(false);   // a stop waits for the command in hand
            }
        }
        catch (OperationCanceledException) when (ctx.IsStopping) { }
        catch (Exception ex)
        {
            crash = ExceptionDispatchInfo.Capture(ex);
            CloseReason = "Internal error";
        }
        finally
        {
            CloseReason ??= Chat.ShuttingDown ? "Server shutting down" : ctx.StopCause?.Reason ?? "Closed";
            await FinishAsync(writer, reader).ConfigureAwait(false);
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
        var now = Chat.Time.GetUtcNow();
        var options = Chat.Options;
        if (!Handle.Registered)
        {
            if (now - Handle.SignOn >= options.PingTimeout) CloseReason = "Registration timed out";
        }
        else if (_pingSent is { } sent)
        {
            if (now - sent >= options.PingTimeout) CloseReason = $"Ping timeout: {(int)options.PingTimeout.TotalSeconds} seconds";
        }
        else if (now - _lastActivity >= options.PingInterval)
        {
            _pingSent = now;
            Handle.Send($"PING :{Chat.ServerName}");
        }
    }

    private void OnSendQExceeded() => Handle.Ref?.TryTell(ConnMsg.SendQExceeded.Instance);

    /// <summary>Ends the link: the writer sends what is queued and the ERROR line, then channels hear the QUIT and the nick is freed.</summary>
    private async Task FinishAsync(ActorTask writer, ActorTask reader)
    {
        if (!writer.IsFinished)
        {
            if (Handle.Queue.Exceeded) await writer.StopAsync(new StopCause(CloseReason!)).ConfigureAwait(false);
            else
            {
                Handle.Queue.Complete();
                try { await writer.WhenFinishedAsync().WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System).ConfigureAwait(false); }
                catch (TimeoutException) { await writer.StopAsync(new StopCause(CloseReason!)).ConfigureAwait(false); }
            }
        }
        await reader.StopAsync(new StopCause(CloseReason!)).ConfigureAwait(false);
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
