using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace Actors.Internal;

internal sealed partial class ActorCell<TMessage, TResult>
{
    /// <summary>Runs a process body once, bounded by the task timeout, and ends the task by how it ended.</summary>
    private async Task RunProcessAsync()
    {
        if (!TryBeginRun()) return;   // stopped before it started
        ActorContext.EnterBody(this);
        ActorTaskState outcome;
        Exception? failure = null;
        Deadline? deadline = null;
        try
        {
            deadline = Deadline.ForBody(this);   // inside the try: a timer that cannot be armed fails the task, never silently
            var context = Context;
            SetResult(await ((Func<ActorContext<TMessage>, Task<TResult>>)context.Body!)(context).ConfigureAwait(false));
            outcome = ActorTaskState.Completed;
        }
        catch (OperationCanceledException) when (IsStopping)
        {
            outcome = ActorTaskState.Stopped;
        }
        catch (ActorStoppedException stopped)
        {
            // Another task's stop escaped the body (it awaited a stopped task): this one is stopped, not failed.
            AdoptStopCause(stopped.Cause);
            outcome = ActorTaskState.Stopped;
            (Context.Current as IReplySink ?? (Context.Current as TraceMeta)?.Inner as IReplySink)?.Fail(stopped);
        }
        catch (Exception ex)
        {
            outcome = ActorTaskState.Failed;
            failure = ex;
            (Context.Current as IReplySink ?? (Context.Current as TraceMeta)?.Inner as IReplySink)?.Fail(ex);
        }
        finally
        {
            deadline?.Dispose();
        }
        CloseMailbox(outcome, failure);
    }

    public ValueTask<TMessage> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_handler is not null)
            throw new InvalidOperationException($"Task {Path} is a handler actor; it receives through its handler, not ReceiveAsync.");
        if (BodyCancelled) return ValueTask.FromException<TMessage>(Stopped());
        return TryReceive(out var message) ? ValueTask.FromResult(message) : ReceiveSlowAsync(cancellationToken);
    }

    public bool TryReceive([MaybeNullWhen(false)] out TMessage message)
    {
        if (_handler is not null)
            throw new InvalidOperationException($"Task {Path} is a handler actor; it receives through its handler, not TryReceive.");
        while (!BodyCancelled && Mailbox.Reader.TryRead(out var envelope))   // a stop overtakes what is queued
        {
            if (envelope.Meta is ConditionalMeta conditional && !conditional.IsCurrent)
            {
                conditional.Settled();
                continue;
            }
            message = Received(envelope);
            return true;
        }
        message = default;
        return false;
    }

    private async ValueTask<TMessage> ReceiveSlowAsync(CancellationToken cancellationToken)
    {
        using var linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, CancellationCore)
            : null;
        // Without a caller's token, none: the stop that cancels the body's token always completes the mailbox too
        // (CancelBody, CloseMailbox), which wakes this wait with false; so no cancellation callback per wait.
        var token = linked?.Token ?? default;
        var reader = Mailbox.Reader;
        while (true)
        {
            if (!await reader.WaitToReadAsync(token).ConfigureAwait(false))
                throw BodyCancelled ? Stopped() : new ChannelClosedException();
            if (TryReceive(out var message)) return message;   // false when only withdrawn messages were queued
            if (BodyCancelled) throw Stopped();
        }
    }

    /// <summary>What a receive throws once the body has been told to stop: the stop overtakes the queue.</summary>
    private OperationCanceledException Stopped() =>
        new($"Task {Path} is stopping; the messages still queued go to dead letters.", CancellationCore);

    private TMessage Received(in Envelope<TMessage> envelope)
    {
        Context.Current = envelope.Meta;
        if (envelope.Meta is ConditionalMeta conditional) conditional.Settled();
        return envelope.Message;
    }
}
