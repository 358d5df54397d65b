using System.Net;
using System.Net.Sockets;
using Actors;
using Actors.Supervision;
using ChatServer.Connections;
using ChatServer.Irc;

namespace ChatServer.Server;

/// <summary>The chat server's actor hierarchy:
/// <code>
/// /chat                    supervisor, one-for-one
///   /chat/nicks            nick registry (handler actor; its table survives a restart)
///   /chat/channels         supervisor: one actor per channel, restarted on failure (members told)
///   /chat/connections      supervisor: one process per client, never restarted
///   /chat/idle             process: one sweep over all clients' activity (PING, ping and registration timeouts)
///   /chat/listener         process: accepts sockets, admits them as connections
/// </code>
/// Shutdown goes in reverse: listener, idle sweep, connections (each sends ERROR), channels, nicks.</summary>
internal sealed partial class IrcServer
{
    private readonly TaskCompletionSource<IPEndPoint> _endpoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, int> _perAddress = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Supervisor? _connections;
    private int _boundPort;
    private Task? _shutdown;
    private Action<string>? _release;   // Release, as one delegate for every connection

    private IrcServer(ChatContext chat) => Chat = chat;

    public ChatContext Chat { get; }

    /// <summary>The top supervisor, <c>/chat</c>.</summary>
    public Supervisor Root { get; private set; } = null!;

    /// <summary>Where the IRC listener is bound (fails if it could not bind).</summary>
    public Task<IPEndPoint> IrcEndPoint => _endpoint.Task;

    public static IrcServer Start(ActorSystem system, ChatOptions options, Cluster.ChatCluster? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var server = new IrcServer(new ChatContext(options, system.Options.TimeProvider, cluster));
        server.Root = Supervisor.Start(system, "chat", new SupervisorOptions
        {
            Strategy = SupervisionStrategy.OneForOne,
            MaxRestarts = 5,
            Window = TimeSpan.FromSeconds(10),
            Children =
            [
                new ChildSpec("nicks", (parent, spawn) =>
                {
                    var reference = parent.Spawn(new NickRegistry(server.Chat), new SpawnOptions(spawn) { Label = "nick registry" });
                    server.Chat.NickRegistry = reference;
                    return reference.ActorTask;
                }),
                NestedSupervisor("channels", new SupervisorOptions { MaxRestarts = 20, Window = TimeSpan.FromSeconds(10) },
                    s => server.Chat.Channels.Reset(s)),
                NestedSupervisor("connections", new SupervisorOptions { MaxRestarts = 0 }, s => server._connections = s),
                ChildSpec.Process("idle", ctx => IdleSweep.RunAsync(ctx, server.Chat)),
                ChildSpec.Process("listener", server.ListenAsync),
            ],
        });
        return server;
    }

    private static ChildSpec NestedSupervisor(string id, SupervisorOptions options, Action<Supervisor> started) => new(id, (parent, _) =>
    {
        var supervisor = Supervisor.Start(parent, id, options);
        started(supervisor);
        return supervisor.ActorTask;
    })
    {
        Shutdown = Timeout.InfiniteTimeSpan,
    };

    private async Task ListenAsync(ActorContext ctx)
    {
        var address = IPAddress.TryParse(Chat.Options.Host, out var parsed) ? parsed : IPAddress.Loopback;
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // SO_REUSEADDR only (a restart binds past TIME_WAIT); .NET's ReuseAddress also sets SO_REUSEPORT on Linux,
            // which would let a second server share the port silently.
            if (OperatingSystem.IsLinux()) socket.SetRawSocketOption(1, 2, BitConverter.GetBytes(1));
            var port = _boundPort != 0 ? _boundPort : Chat.Options.IrcPort;
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(1024);
        }
        catch (Exception ex)
        {
            var error = new InvalidOperationException(
                $"The IRC listener could not bind {Chat.Options.Host}:{Chat.Options.IrcPort} ({ex.Message}); pass another port with --Chat:IrcPort=<port>.", ex);
            _endpoint.TrySetException(error);
            throw error;
        }
        var bound = (IPEndPoint)socket.LocalEndPoint!;
        _boundPort = bound.Port;
        _endpoint.TrySetResult(bound);
        try
        {
            while (true)
            {
                var client = await socket.AcceptAsync(ctx.Cancellation).ConfigureAwait(false);
                await AdmitAsync(ClientTransport.ForSocket(client)).ConfigureAwait(false);
            }
        }
        finally
        {
            if (Chat.ShuttingDown) await TurnAwayBacklogAsync(socket).ConfigureAwait(false);
        }
    }

    /// <summary>At shutdown, clients whose connect completed but that were not accepted yet (the kernel's
    /// backlog) get ERROR like everyone else instead of a reset when the listening socket closes.</summary>
    private async Task TurnAwayBacklogAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                if (!listener.Poll(0, SelectMode.SelectRead)) return;
                client = listener.Accept();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { return; }
            await AdmitAsync(ClientTransport.ForSocket(client)).ConfigureAwait(false);   // refused: the server is shutting down
        }
    }
}
