using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Actors.Internal;

internal sealed partial class ActorCell<TMessage, TResult> : IInlineTurn
{
    /// <summary>
    /// Runs a turn (see <see cref="Turn"/>), then the actors it woke that wait in this thread's
    /// <see cref="RunNext"/> slot. <paramref name="pooled"/>: the turn starts a thread-pool work item.
    /// </summary>
    private void RunTurn(bool pooled)
    {
        var clock = 0L;
        var handled = Turn(pooled, ref clock);
        RunNext.Drain(MetricBucket!, handled, clock);
    }

    int IInlineTurn.Throughput => System.Options.Throughput;

    MetricBucket IInlineTurn.Bucket => MetricBucket!;

    int IInlineTurn.RunInlineTurn(ref long clock) => Turn(pooled: true, ref clock);

    /// <summary>
    /// One turn of a handler actor: handles up to <see cref="ActorSystemOptions.Throughput"/> messages,
    /// then yields the thread; returns the messages handled. Runs only while this turn holds <c>Scheduled</c>.
    /// <paramref name="pooled"/>: the turn's flow is the pool's empty one (a work item, or an inline turn).
    /// <paramref name="clock"/>: the blocking detection's tick when the turn starts, or 0 to read it; on
    /// return, the tick when it ended, which is when the next inline turn starts (one clock read per turn).
    /// </summary>
    private int Turn(bool pooled, ref long clock)
    {
        if (pooled) RunNext.NotePoolFlow();
        var reader = _mailbox!.Reader;   // a turn is only scheduled after a post created the mailbox
        var compact = _mailbox as CompactChannel<Envelope<TMessage>>;   // the usual mailbox: read it without virtual calls
        var handler = _handler!;
        var context = Context;
        var budget = System.Options.Throughput;
        var startedAt = clock != 0 ? clock : System.Diagnostics.TurnStarted();
        var handled = 0;
        var slot = RunNext.ThisThread;
        var previous = pooled ? ActorContext.EnterPooledTurn(context) : ActorContext.EnterTurn(this);
        try
        {
            while (true)
            {
                if (IsStopping)
                {
                    CloseFromTurn(ActorTaskState.Stopped, null);
                    return handled;
                }
                if (handled == budget) break;
                if (!(compact?.TryRead(out var envelope) ?? reader.TryRead(out envelope)))
                {
                    if (CompactChannel<Envelope<TMessage>>.IsDone(reader))
                    {
                        CloseFromTurn(ActorTaskState.Completed, null);
                        return handled;
                    }
                    break;
                }
                if (handled > 0) RunNext.Spill(slot);   // a parked actor never waits across another handler call
                handled++;
                if (envelope.Meta is not null && !Admit(envelope)) continue;
                ValueTask pending;
                try
                {
                    pending = handler(context, envelope.Message);
                    // A handler that finished at once, or failed before its first await, is settled here in this
                    // loop, so a long run of such failures under ResumeOn iterates and never recurses.
                    if (pending.IsCompleted) pending.GetAwaiter().GetResult();
                }
                catch (Exception ex)
                {
                    if (Resumed(ex, envelope)) continue;
                    FailFromTurn(ex, envelope);
                    return handled;
                }
                if (!pending.IsCompleted)
                {
                    _ = AwaitHandlerAsync(pending, envelope);
                    return handled;
                }
                if (envelope.Meta is not null) Handled(envelope);
            }
        }
        finally
        {
            ActorContext.ExitTurn(previous);
            context.Handled += handled;   // one plain add per turn, not per message: the turn's holder is the only writer
            clock = System.Diagnostics.TurnEnded(this, startedAt);
        }
        Yield(reader);
        return handled;
    }

    /// <summary>
    /// Gives up the turn; if work is left, queues the next turn at the back of the global queue. Not the
    /// local queue: it runs newest first, so a busy actor would run again ahead of the actors it woke.
    /// </summary>
    private void Yield(System.Threading.Channels.ChannelReader<Envelope<TMessage>> reader)
    {
        Interlocked.Exchange(ref _dispatch, Idle);   // a full fence before looking again (see Schedule)
        // Count, not TryPeek: from here on another turn may already be reading, and only the turn may use the reader side.
        if ((reader.Count > 0 || IsStopping || CompactChannel<Envelope<TMessage>>.IsDone(reader))
            && Interlocked.CompareExchange(ref _dispatch, Scheduled, Idle) == Idle)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>The slow path: a handler that did not finish synchronously, bounded by the task timeout.</summary>
    private async Task AwaitHandlerAsync(ValueTask pending, Envelope<TMessage> envelope)
    {
        Deadline? deadline = null;
        try
        {
            deadline = Deadline.ForMessage(this);
            await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (!Resumed(ex, envelope))
            {
                FailFromTurn(ex, envelope);
                return;
            }
        }
        finally
        {
            deadline?.Dispose();
        }
        if (envelope.Meta is not null) Handled(envelope);
        // Resumed inline inside another actor's turn (its handler completed what this one awaited), or deep in
        // a stack: go on from a fresh thread-pool item rather than nest turns.
        if (ActorContext.InTurn || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        else RunTurn(pooled: false);
    }

    /// <summary>Prepares meta-carrying messages; false drops a stale tick of a cancelled timer.</summary>
    private bool Admit(in Envelope<TMessage> envelope)
    {
        Context.Current = envelope.Meta;
        if (envelope.Meta is ConditionalMeta conditional && !conditional.IsCurrent)
        {
            conditional.Settled();
            return false;
        }
        if (envelope.Meta is TraceMeta trace) System.Diagnostics.StartMessage(this, trace);
        return true;
    }

    private void Handled(in Envelope<TMessage> envelope)
    {
        Context.Current = null;
        if (envelope.Meta is ConditionalMeta conditional) conditional.Settled();
        else if (envelope.Meta is TraceMeta trace) ActorDiagnostics.StopMessage(trace);
    }

    /// <summary>True if the spawn options say to skip the failed message and go on.</summary>
    private bool Resumed(Exception error, in Envelope<TMessage> envelope)
    {
        if (IsStopping || Options.ResumeOn is not { } resumeOn) return false;
        bool resume;
        try { resume = resumeOn(error); }
        catch (Exception ex)
        {
            MessagingLog.ResumeOnThrew(System.MessagingLogger, Path, ex);
            return false;
        }
        if (!resume) return false;
        envelope.Reply?.Fail(error);
        if (envelope.Meta is not null) Handled(envelope);
        if (System.MessagingLogger.IsEnabled(LogLevel.Warning)) MessagingLog.HandlerResumed(System.MessagingLogger, Path, error);   // no path built when off
        return true;
    }

    private void FailFromTurn(Exception error, in Envelope<TMessage> envelope)
    {
        if (envelope.Meta is TraceMeta trace) ActorDiagnostics.StopMessage(trace);
        if (error is OperationCanceledException && IsStopping)
        {
            CloseFromTurn(ActorTaskState.Stopped, null);
            return;
        }
        if (error is ActorStoppedException stopped)
        {
            // Another task's stop escaped the handler (it awaited a stopped task): this one is stopped, not failed.
            AdoptStopCause(stopped.Cause);
            envelope.Reply?.Fail(stopped);
            CloseFromTurn(ActorTaskState.Stopped, null);
            return;
        }
        envelope.Reply?.Fail(error);
        Handoff?.Failed(envelope.Message);
        CloseFromTurn(ActorTaskState.Failed, error);
    }

    /// <summary>Ends a handler actor; the caller holds <c>Scheduled</c>.</summary>
    private void CloseFromTurn(ActorTaskState outcome, Exception? failure)
    {
        Volatile.Write(ref _dispatch, Closed);
        CloseMailbox(outcome, failure);
    }

    /// <summary>Refuses further messages, sends the queued ones to dead letters, stops timers, and ends the body.</summary>
    private void CloseMailbox(ActorTaskState outcome, Exception? failure)
    {
        CancelToken();
        (TimersIfCreated as ActorTimers<TMessage>)?.Close();
        if (CloseForWriting() is { } mailbox)
        {
            if (Handoff is { } handoff) HandOffQueued(mailbox, handoff);
            else while (mailbox.Reader.TryRead(out var envelope)) DeadLetter(envelope, DeadLetterReason.RecipientFinished);
        }
        else Handoff?.Drained();
        OnBodyEnded(outcome, failure);
    }
}
