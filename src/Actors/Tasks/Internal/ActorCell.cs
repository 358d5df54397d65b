using System.Threading.Channels;

namespace Actors.Internal;

/// <summary>
/// The one node implementation: a task with a mailbox of <typeparamref name="TMessage"/> whose body is
/// either a handler (dispatched per message on the thread pool) or a process (run once).
/// <para>Dispatch states of a handler actor (<see cref="_dispatch"/>):</para>
/// <code>
/// Idle --post--> Scheduled (a turn is queued or running) --mailbox empty--> Idle
/// Idle or Scheduled --stop/fail/complete--> Closed (final; posts go to dead letters)
/// </code>
/// Only the holder of Scheduled runs handler code or closes the cell, so handlers never overlap.
/// </summary>
internal sealed partial class ActorCell<TMessage, TResult> : ActorTask<TResult>, IActorRef<TMessage>, IMailboxOwner<TMessage>, IThreadPoolWorkItem
{
    private const int Idle = 0, Scheduled = 1, Closed = 2;

    private readonly Func<ActorContext<TMessage>, TMessage, ValueTask>? _handler;   // the handler body, or null; immutable

    private Channel<Envelope<TMessage>>? _mailbox;   // created on first use, then fixed (Interlocked)
    private ActorContext<TMessage>? _context;        // created on first use (a process: at spawn, holding its body), then fixed (Interlocked)
    private int _dispatch;                           // Idle, Scheduled or Closed (Interlocked); a process: Scheduled once its body is queued
    private byte _cancelled;                         // 1 once the body's token must be cancelled (Interlocked)
    private volatile bool _closedForWriting;         // Complete() or the end of the task closed the mailbox

    public ActorCell(ActorSystem system, ActorTask parent, SpawnOptions options,
        Func<ActorContext<TMessage>, TMessage, ValueTask>? handler, Func<ActorContext<TMessage>, Task<TResult>>? process)
        : base(system, parent, options)
    {
        _handler = handler;
        if (process is not null) _context = new ActorContext<TMessage>(this, this) { Body = process };   // a process's context always exists: it carries the body
        MetricBucket = system.Diagnostics.BucketFor(BodyKind, options.MetricLabel);
    }

    public ActorTask ActorTask => this;

    public override ActorBodyKind BodyKind => _handler is null ? ActorBodyKind.Process : ActorBodyKind.Handler;

    public override int MailboxDepth
    {
        get
        {
            var mailbox = Volatile.Read(ref _mailbox);
            return mailbox is not null && mailbox.Reader.CanCount ? mailbox.Reader.Count : 0;
        }
    }

    internal override long MessagesHandledRacy => Volatile.Read(ref _context) is { } context ? Volatile.Read(ref context.Handled) : 0;

    public ActorTimers<TMessage> Timers =>
        (ActorTimers<TMessage>)GetOrCreateTimers(static s => new ActorTimers<TMessage>((ActorCell<TMessage, TResult>)s, ((ActorTask)s).System.TimeProvider), this);

    internal override CancellationToken CancellationCore
    {
        get
        {
            var cts = CancellationSourceIfCreated;
            if (cts is null)
            {
                var created = new CancellationTokenSource();
                cts = InstallCancellationSource(created);
                if (!ReferenceEquals(cts, created)) created.Dispose();
                else if (Volatile.Read(ref _cancelled) != 0) cts.Cancel();   // the body was cancelled before the source existed
            }
            return cts.Token;
        }
    }

    private ActorContext<TMessage> Context
    {
        get
        {
            var context = Volatile.Read(ref _context);
            if (context is not null) return context;
            context = new ActorContext<TMessage>(this, this);
            return Interlocked.CompareExchange(ref _context, context, null) ?? context;
        }
    }

    private protected override string DescribeMailbox() =>
        typeof(TMessage) == typeof(NoMessage) ? "it has no mailbox" : $"it receives {typeof(TMessage).Name}";

    private protected override void StartBody()
    {
        if (_handler is null)
        {
            if (Interlocked.Exchange(ref _dispatch, Scheduled) == Idle) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            return;
        }
        if (TryBeginRun()) OnRunning();
    }

    private protected override bool RunsFromSpawn => _handler is not null;

    /// <summary>A handler actor that got messages (or was completed) before it ran gets its first turn.</summary>
    private protected override void OnRunning()
    {
        if (Volatile.Read(ref _mailbox) is { } mailbox && (MailboxDepth > 0 || CompactChannel<Envelope<TMessage>>.IsDone(mailbox.Reader)))
            Schedule();   // Count, not TryPeek: only a turn may touch the reader side
    }

    private protected override void CancelBody()
    {
        CancelToken();
        if (_handler is null)
        {
            if (State == ActorTaskState.Initialized) CloseMailbox(ActorTaskState.Stopped, null);   // stopped before it began: the body never runs
            else CloseForWriting();   // the stop overtakes the queue: ReceiveAsync throws it, later posts are dead letters
            return;
        }
        // Whoever moves the dispatch from Idle owns the cell; a running turn sees the stop itself.
        if (Interlocked.CompareExchange(ref _dispatch, Scheduled, Idle) == Idle) CloseFromTurn(ActorTaskState.Stopped, null);
    }

    /// <summary>
    /// Cancels the body's token, now or when it is first read. Only here: the token tells the body its stop
    /// has come, after the children have stopped, so it is never cancelled merely because a stop began.
    /// </summary>
    private void CancelToken()
    {
        if (Volatile.Read(ref _cancelled) != 0) return;   // done already (a stop cancels, then the close): that call fenced and read the source
        Interlocked.Exchange(ref _cancelled, (byte)1);   // a full fence before reading the source (see CancellationCore)
        CancellationSourceIfCreated?.Cancel();
    }

    /// <summary>True once the body has been told to stop (its token is, or will be when read, cancelled).</summary>
    private bool BodyCancelled => Volatile.Read(ref _cancelled) != 0;

    void IThreadPoolWorkItem.Execute()
    {
        if (_handler is null) _ = RunProcessAsync();
        else RunTurn(pooled: true);
    }
}
