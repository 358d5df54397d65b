namespace Actors.Supervision.Pools.Internal;

/// <summary>
/// One checkout waiting for a worker, in the pool's FIFO queue. Exactly one outcome: handed a worker,
/// timed out, cancelled, failed by a setup error, or failed because the pool stopped. Whoever sets
/// <see cref="Done"/> under the pool's lock owns the outcome and completes it after leaving the lock.
/// </summary>
/// <typeparam name="TWorker">The worker type.</typeparam>
internal sealed class CheckoutWaiter<TWorker> where TWorker : class
{
    private static readonly TimerCallback s_onTimeout = static state => Expire((CheckoutWaiter<TWorker>)state!, timedOut: true);

    private readonly WorkerPool<TWorker> _pool;                                    // immutable
    private readonly TaskCompletionSource<WorkerCheckout<TWorker>> _promise =
        new(TaskCreationOptions.RunContinuationsAsynchronously);                   // the caller awaits it
    private ITimer? _timer;                                                        // the checkout timeout; disposed on completion
    private CancellationTokenRegistration _registration;                          // the caller's token; unregistered on completion

    // Guarded by the pool's lock.
    public LinkedListNode<CheckoutWaiter<TWorker>>? Node;   // its place in the queue, or null when not queued
    public bool Done;                                       // an outcome was claimed

    public CheckoutWaiter(WorkerPool<TWorker> pool) => _pool = pool;

    public Task<WorkerCheckout<TWorker>> Task => _promise.Task;

    /// <summary>The caller's token, kept for the cancellation outcome.</summary>
    public CancellationToken Token { get; private set; }

    /// <summary>Starts the timeout and listens to the caller's token. Called before the waiter is queued, without the lock.</summary>
    public void Arm(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Token = cancellationToken;
        if (timeout != Timeout.InfiniteTimeSpan) _timer = PoolTimers.Create(time, s_onTimeout, this, timeout);
        if (cancellationToken.CanBeCanceled)
            _registration = cancellationToken.UnsafeRegister(static state => Expire((CheckoutWaiter<TWorker>)state!, timedOut: false), this);
    }

    public void Complete(WorkerCheckout<TWorker> checkout)
    {
        Disarm();
        _promise.TrySetResult(checkout);
    }

    public void Fail(Exception error)
    {
        Disarm();
        if (error is OperationCanceledException cancelled) _promise.TrySetCanceled(cancelled.CancellationToken);
        else _promise.TrySetException(error);
    }

    private static void Expire(CheckoutWaiter<TWorker> waiter, bool timedOut) => waiter._pool.OnWaiterExpired(waiter, timedOut);

    private void Disarm()
    {
        _timer?.Dispose();
        _registration.Unregister();   // not Dispose: that would wait for the callback we may be running in
    }
}
