namespace Actors.Supervision.Internal;

/// <summary>
/// One child's consecutive restarts, run as one execution of its Polly pipeline, off the supervisor's
/// loop. Attempt 0 is the crash that began the sequence, so Polly waits its first delay before the first
/// restart. Each later attempt asks the loop to start the child's group and then waits for the new
/// instance: a crash before the stable period, or a failed start, fails the attempt and Polly waits its
/// next delay; an instance that stays up for the stable period ends the sequence. The loop cancels the
/// sequence (terminate, delete, shutdown, escalation) through the slot's token.
/// </summary>
internal sealed class RestartSequence(ChildSlot slot, int generation, IActorRef<SupervisorEvent> supervisor, TimeSpan stablePeriod, TimeProvider time)
{
    private bool _began;   // attempt 0 (the crash) has been reported to Polly; touched only by the execution's own flow

    public async ValueTask AttemptAsync(CancellationToken cancellationToken)
    {
        if (!_began)
        {
            _began = true;
            throw new RestartNeeded(slot.LastFailure);
        }
        var reply = new TaskCompletionSource<TaskCompletionSource<bool>?>();   // answered by the loop; the sequence's bookkeeping may run inline there
        if (!supervisor.TryTell(new RestartAttempt(slot, generation, reply))) throw new OperationCanceledException("The supervisor has finished.");
        var outcome = await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new RestartNeeded(null);   // a start failed: the loop counted it and stopped what it had started
        bool stable;
        try { stable = await outcome.Task.WaitAsync(stablePeriod, time, cancellationToken).ConfigureAwait(false); }
        catch (TimeoutException) { stable = outcome.TrySetResult(true) || outcome.Task.Result; }
        if (!stable) throw new RestartNeeded(null);   // crashed before the stable period
    }
}
