using System.Diagnostics;
using System.Threading.Channels;

namespace Actors.Internal;

internal sealed partial class ActorCell<TMessage, TResult>
{
    public bool TryTell(TMessage message) => Post(new Envelope<TMessage>(message, Trace(null))) == PostResult.Queued;

    public void Tell(TMessage message)
    {
        if (Post(new Envelope<TMessage>(message, Trace(null))) == PostResult.Full) throw Full();
    }

    public ValueTask SendAsync(TMessage message, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled(cancellationToken);
        var envelope = new Envelope<TMessage>(message, Trace(null));
        return Post(envelope) switch
        {
            PostResult.Full when Options.Mailbox.FullMode == MailboxFullMode.Wait => SendSlowAsync(envelope, cancellationToken),
            PostResult.Full => ValueTask.FromException(Full()),
            _ => ValueTask.CompletedTask,
        };
    }

    public Task<TReply> AskAsync<TReply>(Func<IReplyTo<TReply>, TMessage> request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (timeout is { } t) ActorSystemOptions.ValidateTimeout(t, nameof(timeout));
        if (cancellationToken.IsCancellationRequested) return global::System.Threading.Tasks.Task.FromCanceled<TReply>(cancellationToken);   // never delivered
        var promise = new ReplyPromise<TReply>();
        TMessage message;
        try { message = request(promise); }
        catch (Exception ex) { return global::System.Threading.Tasks.Task.FromException<TReply>(ex); }   // nothing armed yet, nothing to leak
        promise.Arm(System.TimeProvider, timeout ?? System.Options.AskTimeout, this, cancellationToken);
        var envelope = new Envelope<TMessage>(message, Trace(promise));
        if (Post(envelope) == PostResult.Full)
        {
            if (Options.Mailbox.FullMode == MailboxFullMode.Wait) return AskSlowAsync(envelope, promise, cancellationToken);
            promise.Fail(Full());
        }
        return promise.Task;
    }

    public void Complete()
    {
        CloseForWriting();
        if (_handler is not null && State == ActorTaskState.Running) Schedule();
    }

    public bool PostConditional(TMessage message, ConditionalMeta meta) => Post(new Envelope<TMessage>(message, meta)) == PostResult.Queued;

    private enum PostResult { Queued, Full, DeadLettered }

    private PostResult Post(in Envelope<TMessage> envelope)
    {
        if (typeof(TMessage) == typeof(NoMessage)) throw new InvalidOperationException($"Task {Path} has no mailbox.");
        if (!IsFinished && TryWriteMailbox(envelope, out var fenced))
        {
            if (_handler is not null) Schedule(mayPark: envelope.Meta is null, fenced);   // an ask (or any meta) is never parked
            return PostResult.Queued;
        }
        if (!IsFinished && !_closedForWriting)
        {
            if (Options.Mailbox.FullMode != MailboxFullMode.DropNewest) return PostResult.Full;
            DeadLetter(envelope, DeadLetterReason.MailboxFull);   // dropped here, so the sender learns it was not queued
            return PostResult.DeadLettered;
        }
        DeadLetter(envelope, DeadLetterReason.RecipientFinished);
        return PostResult.DeadLettered;
    }

    private async ValueTask SendSlowAsync(Envelope<TMessage> envelope, CancellationToken cancellationToken)
    {
        try
        {
            await Mailbox.Writer.WriteAsync(envelope, cancellationToken).ConfigureAwait(false);
            if (_handler is not null) Schedule();
        }
        catch (ChannelClosedException)
        {
            DeadLetter(envelope, DeadLetterReason.RecipientFinished);
        }
    }

    private async Task<TReply> AskSlowAsync<TReply>(Envelope<TMessage> envelope, ReplyPromise<TReply> promise, CancellationToken cancellationToken)
    {
        await SendSlowAsync(envelope, cancellationToken).ConfigureAwait(false);
        return await promise.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Queues a turn unless one is queued or running. The fence orders the message written just before
    /// ahead of the read of the dispatch state; a yielding turn fences between setting Idle and counting
    /// its mailbox. So one of the two always sees the other, and no message is left without a turn. A
    /// fence, not a compare-and-swap per message: the swap would write the shared line even when a turn
    /// is already scheduled.
    /// </summary>
    /// <param name="mayPark">A plain tell: from inside a turn, the woken actor may wait in the thread's <see cref="RunNext"/> slot.</param>
    /// <param name="fenced">The write just before ended with a full fence (the compact mailbox's does), so none is needed here.</param>
    private void Schedule(bool mayPark = false, bool fenced = false)
    {
        if (!fenced) Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _dispatch) == Idle && State == ActorTaskState.Running
            && Interlocked.CompareExchange(ref _dispatch, Scheduled, Idle) == Idle)
        {
            if (!ActorContext.InTurn) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            else if (mayPark) RunNext.Park(this);
            else ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    private Channel<Envelope<TMessage>> Mailbox => Volatile.Read(ref _mailbox) ?? CreateMailbox();

    /// <summary>Writes to the mailbox; <paramref name="fenced"/>: the write ended with a full fence (the compact mailbox's does).</summary>
    private bool TryWriteMailbox(in Envelope<TMessage> envelope, out bool fenced)
    {
        var mailbox = Mailbox;
        if (mailbox is CompactChannel<Envelope<TMessage>> compact)
        {
            fenced = true;
            return compact.TryWrite(envelope);   // no virtual call through the writer
        }
        fenced = false;
        return mailbox.Writer.TryWrite(envelope);
    }

    /// <summary>
    /// Refuses further posts. The mailbox reference is the one word that says whether the mailbox is
    /// closed: a task that never had a mailbox gets the shared closed one, installed by the same
    /// compare-and-swap that creates a mailbox, so a first post racing the close either lands in a
    /// mailbox the close then completes and drains, or finds the closed one and goes to dead letters.
    /// </summary>
    private Channel<Envelope<TMessage>>? CloseForWriting()
    {
        _closedForWriting = true;   // before completing: a writer refused by completion sees it
        var mailbox = Interlocked.CompareExchange(ref _mailbox, ClosedMailbox<Envelope<TMessage>>.Instance, null);
        mailbox?.Writer.TryComplete();
        return mailbox;
    }

    private Channel<Envelope<TMessage>> CreateMailbox()
    {
        var options = Options.Mailbox;
        Channel<Envelope<TMessage>> created;
        if (options.Capacity is not { } capacity) created = new CompactChannel<Envelope<TMessage>>();
        else
        {
            var bounded = new BoundedChannelOptions(capacity)
            {
                SingleReader = true,
                AllowSynchronousContinuations = false,
                FullMode = options.FullMode switch
                {
                    MailboxFullMode.DropOldest => BoundedChannelFullMode.DropOldest,
                    _ => BoundedChannelFullMode.Wait,
                },
            };
            created = Channel.CreateBounded<Envelope<TMessage>>(bounded, dropped => DeadLetter(dropped, DeadLetterReason.MailboxFull));
        }
        var winner = Interlocked.CompareExchange(ref _mailbox, created, null);
        if (winner is not null) return winner;
        System.Diagnostics.MailboxCreated(this);
        return created;
    }

    private MailboxFullException Full() => new(Path, Options.Mailbox.Capacity ?? 0);

    private void DeadLetter(in Envelope<TMessage> envelope, DeadLetterReason reason)
    {
        if (reason == DeadLetterReason.RecipientFinished && Handoff is { } handoff && handoff.TakeLate(envelope)) return;   // a supervised slot keeps it
        Discard(envelope, reason);
    }

    private void Discard(in Envelope<TMessage> envelope, DeadLetterReason reason)
    {
        var reply = envelope.Reply;
        if (reply is not null)
        {
            Exception error = reason == DeadLetterReason.RecipientFinished
                ? new ActorNotRunningException(Path, IsFinished ? State : ActorTaskState.Stopped)
                : new MailboxFullException(Path, Options.Mailbox.Capacity ?? 0);
            reply.Fail(error);
        }
        System.DeadLetters.Publish(this, envelope.Message, reason);
    }

    /// <summary>Wraps the envelope meta with the sender's trace context when this message is sampled.</summary>
    private object? Trace(object? inner)
    {
        var rate = System.Options.MessageTraceSampling;
        if (rate <= 0 || (rate < 1 && Random.Shared.NextDouble() >= rate)) return inner;
        var parent = Activity.Current?.Context ?? default;
        return new TraceMeta(parent, inner);
    }
}
