using System.Threading.Channels;
using Actors.Cluster.Internal;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace Actors.Cluster;

/// <summary>
/// One actor system's place in a cluster: its own NATS connection, a node id, remote references to
/// actors on other nodes, the cluster registry and membership. Start one per system with
/// <see cref="StartAsync"/>; dispose it (or stop the system) to leave.
/// <para>
/// Lifecycle: Starting (connect, subscribe, open the registry bucket, first heartbeat) -> Running ->
/// Leaving (a goodbye is published, registrations are deleted, references to other nodes finish) -> Left.
/// The node's local task (<see cref="ActorTask"/>, named <c>cluster</c> under the root) lives while it runs;
/// stand-ins for remote actors are its children.
/// </para>
/// </summary>
public sealed partial class ClusterNode : IAsyncDisposable
{
    private readonly NatsConnection _connection;                 // owned; disposed when the node leaves
    private readonly Channel<OutFrame> _outbound;                 // frames to publish, in order; one reader (the writer loop)
    private readonly CancellationTokenSource _stopping = new();  // cancelled when the node leaves
    private readonly List<Task> _loops = [];                      // the writer and subscription loops; written only during start
    private INatsKVStore? _registry;                              // the registry bucket; set once during start
    private ActorTask? _task;                                     // the node's local task; set once during start
    private int _left;                                            // 1 once leaving began (Interlocked)

    private ClusterNode(ActorSystem system, ClusterOptions options)
    {
        System = system;
        Options = options;
        Incarnation = Guid.NewGuid().ToString("N")[..8];
        Subjects = new Subjects(options.SubjectPrefix, options.NodeId);
        Codec = new Codec(options.Serializers.Append(ClusterJsonContext.Default));
        Replies = new ReplyTable(this);
        _outbound = Channel.CreateBounded<OutFrame>(new BoundedChannelOptions(options.OutboundCapacity) { SingleReader = true });
        _connection = new NatsConnection(NatsOpts.Default with
        {
            Url = options.Url,
            Name = $"actors-{options.NodeId}",
            ConnectTimeout = options.ConnectTimeout,
        });
    }

    /// <summary>The node's id in the cluster.</summary>
    public string NodeId => Options.NodeId;

    /// <summary>The system this node serves.</summary>
    public ActorSystem System { get; }

    /// <summary>The options the node started with.</summary>
    public ClusterOptions Options { get; }

    /// <summary>The node's local task (<c>/cluster</c>): it runs while the node is in the cluster.</summary>
    public ActorTask ActorTask => _task!;

    internal string Incarnation { get; }

    internal Subjects Subjects { get; }

    internal Codec Codec { get; }

    internal ReplyTable Replies { get; }

    internal ChannelWriter<OutFrame> Outbound => _outbound.Writer;

    internal NatsConnection Connection => _connection;

    /// <summary>Connects <paramref name="system"/> to the cluster and announces the node.</summary>
    /// <param name="system">The system whose actors join.</param>
    /// <param name="options">Server, node id, serializers, limits.</param>
    /// <param name="cancellationToken">Abandons the start.</param>
    /// <returns>The running node.</returns>
    /// <exception cref="ArgumentException">An option is invalid (the message says which).</exception>
    /// <exception cref="NameOverlapException">The system already has a cluster node.</exception>
    /// <exception cref="NatsException">The server could not be reached or has no JetStream.</exception>
    public static async Task<ClusterNode> StartAsync(ActorSystem system, ClusterOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var node = new ClusterNode(system, options);
        try
        {
            await node.StartCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return node;
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _task = System.Run(RunAsync, new SpawnOptions
        {
            Name = "cluster",
            Label = $"cluster node {NodeId} ({Incarnation})",
            NameConflict = NameConflictPolicy.RejectNewer,
            Timeout = Timeout.InfiniteTimeSpan,
            OnStop = _ => LeaveAsync(),
        });
        await _connection.ConnectAsync().ConfigureAwait(false);
        var kv = new NatsKVContext(new NatsJSContext(_connection));
        _registry = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(Subjects.Bucket) { MaxAge = Options.RegistrationLease, History = 1 }, cancellationToken).ConfigureAwait(false);
        var token = _stopping.Token;
        _loops.Add(WriteLoopAsync(token));
        await SubscribeAsync(Subjects.Inbox, OnInbox, token).ConfigureAwait(false);
        await SubscribeAsync(Subjects.Replies, OnReply, token).ConfigureAwait(false);
        await SubscribeAsync(Subjects.Gone, OnGone, token).ConfigureAwait(false);
        await SubscribeAsync(Subjects.Heartbeats, OnHeartbeat, token).ConfigureAwait(false);
        await SubscribeAsync(Subjects.Byes, OnBye, token).ConfigureAwait(false);
        StartMembership();
    }

    /// <summary>The node task's body: waits until the node leaves.</summary>
    private async Task RunAsync(ActorContext context)
    {
        try { await global::System.Threading.Tasks.Task.Delay(Timeout.Infinite, context.Cancellation).ConfigureAwait(false); }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested) { }
    }

    /// <summary>Leaves the cluster: says goodbye, releases registrations, finishes references to other nodes, closes the connection.</summary>
    /// <returns>Completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await LeaveAsync().ConfigureAwait(false);
        if (_task is { } task) await task.StopAsync(new StopCause("cluster node left", "/cluster")).ConfigureAwait(false);
    }

    private async Task LeaveAsync()
    {
        if (Interlocked.Exchange(ref _left, 1) == 1) return;
        StopMembership();
        await StopSingletonsAsync().ConfigureAwait(false);
        if (_connection.ConnectionState == NatsConnectionState.Open)
        {
            try
            {
                await ReleaseRegistrationsAsync().ConfigureAwait(false);
                await _connection.PublishAsync(Subjects.MyBye, global::System.Text.Encoding.UTF8.GetBytes(Incarnation)).ConfigureAwait(false);
                // PublishAsync only queues the frame: the connection's dispose below drops what is still queued,
                // and the others would learn of the leave only from the silence. The ping's answer means the
                // server has read everything sent before it, the goodbye included.
                using var flushed = new CancellationTokenSource(Options.ConnectTimeout);
                await _connection.PingAsync(flushed.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NatsException or OperationCanceledException or TimeoutException) { }
        }
        _outbound.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try { await global::System.Threading.Tasks.Task.WhenAll(_loops).ConfigureAwait(false); }
        catch (Exception) { /* the loops end by cancellation; a closing subscription may also throw */ }
        Replies.FailAll(new ActorNotRunningException($"/cluster ({NodeId})", ActorTaskState.Stopped));
        StopAllStandIns(new StopCause($"cluster node {NodeId} left"));
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
