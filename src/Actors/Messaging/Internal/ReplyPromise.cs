namespace Actors.Internal;

/// <summary>One ask: a reply slot with a deadline. Completes at most once; continuations run asynchronously.</summary>
internal sealed class ReplyPromise<TReply> : TaskCompletionSource<TReply>, IReplyTo<TReply>, IReplySink, IAskDeadline
{
    private ITimer? _deadline;                         // disposed when the ask settles (Interlocked: the sweep may arm it late)
    private long _dueMs;                               // Environment.TickCount64 of the deadline, when armed late
    private CancellationTokenRegistration _abandon;    // the caller's token
    private object? _target;                           // an ActorTask or a path string, named if the deadline passes
    private TimeSpan _timeout;                         // the deadline's length, named if it passes

    public ReplyPromise() : base(TaskCreationOptions.RunContinuationsAsynchronously) { }

    /// <summary>Starts the deadline and watches the caller's token. The target's path is read only if the deadline passes.</summary>
    public void Arm(TimeProvider time, TimeSpan timeout, ActorTask target, CancellationToken cancellationToken) => ArmCore(time, timeout, target, cancellationToken);

    /// <summary>Starts the deadline and watches the caller's token, for a target known by its path.</summary>
    public void Arm(TimeProvider time, TimeSpan timeout, string path, CancellationToken cancellationToken) => ArmCore(time, timeout, path, cancellationToken);

    // target: an ActorTask (its path is read only if the deadline passes) or a path string.
    private void ArmCore(TimeProvider time, TimeSpan timeout, object target, CancellationToken cancellationToken)
    {
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _target = target;
            _timeout = timeout;
            if (timeout >= AskDeadlines.MinTimeout && ReferenceEquals(time, TimeProvider.System))
            {
                // The usual ask: answered long before its deadline, so its timer is armed only if it is still unanswered at the next sweep.
                _dueMs = Environment.TickCount64 + (long)Math.Ceiling(timeout.TotalMilliseconds);
                AskDeadlines.Add(this);
            }
            else _deadline = CreateTimer(time, timeout);
        }
        if (cancellationToken.CanBeCanceled)
            _abandon = cancellationToken.UnsafeRegister(static (s, ct) => ((ReplyPromise<TReply>)s!).Settle(ct), this);
    }

    // The promise is the timer's state: no boxed state object per ask.
    private ITimer CreateTimer(TimeProvider time, TimeSpan dueTime) =>
        time.CreateTimer(static s => ((ReplyPromise<TReply>)s!).Expire(), this, dueTime, Timeout.InfiniteTimeSpan);

    IAskDeadline? IAskDeadline.NextDeadline { get; set; }

    bool IAskDeadline.IsSettled => Task.IsCompleted;

    void IAskDeadline.ArmRest(long nowMs)
    {
        var rest = _dueMs - nowMs;
        if (rest <= 0)
        {
            Expire();
            return;
        }
        Volatile.Write(ref _deadline, CreateTimer(TimeProvider.System, TimeSpan.FromMilliseconds(rest)));
        Interlocked.MemoryBarrier();   // the timer is visible before the look at the outcome; a settling ask sets the outcome, then takes the timer
        if (Task.IsCompleted) Interlocked.Exchange(ref _deadline, null)?.Dispose();
    }

    public bool Reply(TReply reply)
    {
        if (!TrySetResult(reply)) return false;
        Disarm();
        return true;
    }

    public bool Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!TrySetException(error)) return false;
        Disarm();
        return true;
    }

    private void Expire()
    {
        var path = _target as string ?? ((ActorTask)_target!).Path;
        Fail(new ActorTimeoutException($"Ask to {path} got no reply within {_timeout}."));
    }

    private void Settle(CancellationToken token)
    {
        if (TrySetCanceled(token)) Disarm();
    }

    private void Disarm()
    {
        if (Volatile.Read(ref _deadline) is not null) Interlocked.Exchange(ref _deadline, null)?.Dispose();
        _abandon.Dispose();
    }
}
