using Actors.Supervision.Pools.Internal;

namespace Actors.Supervision.Pools;

public sealed partial class WorkerPool<TWorker>
{
    /// <summary>The slow path of a checkout: queue, let the pump hand over or start a worker, wait.</summary>
    private Task<WorkerCheckout<TWorker>> WaitForWorkerAsync(CancellationToken cancellationToken)
    {
        var waiter = new CheckoutWaiter<TWorker>(this);
        waiter.Arm(Options.CheckoutTimeout, _time, cancellationToken);   // before queueing: an early expiry finds it not queued
        var work = default(PoolWork<TWorker>);
        var stopped = false;
        lock (_sync)
        {
            AssertInvariants();
            if (waiter.Done) return waiter.Task;   // expired before it was queued; the expiry completed it
            if (_closed) stopped = waiter.Done = true;
            else
            {
                waiter.Node = _waiters.AddLast(waiter);
                PumpLocked(ref work);
            }
        }
        if (stopped) waiter.Fail(Stopped());
        RunWork(work);
        return waiter.Task;
    }

    /// <summary>A waiter's checkout timeout passed or its caller's token was cancelled.</summary>
    internal void OnWaiterExpired(CheckoutWaiter<TWorker> waiter, bool timedOut)
    {
        lock (_sync)
        {
            if (waiter.Done) return;   // already handed a worker or failed
            waiter.Done = true;
            if (waiter.Node is not null)
            {
                _waiters.Remove(waiter.Node);
                waiter.Node = null;
            }
        }
        if (!timedOut)
        {
            waiter.Fail(new OperationCanceledException("The checkout was cancelled while it waited for a worker.", waiter.Token));
            return;
        }
        _metrics.Add(_metrics.CheckoutTimeouts);
        waiter.Fail(new CheckoutTimeoutException(_path, Options.CheckoutTimeout));
    }

    /// <summary>
    /// Matches waiting checkouts with idle workers, then reserves slots for new workers while more
    /// checkouts wait than workers are starting. Caller holds the lock; <paramref name="work"/> is done after it.
    /// </summary>
    private void PumpLocked(ref PoolWork<TWorker> work)
    {
        if (_closed) return;
        while (_waiters.First is { } head && PopIdleLocked(ref work.Broken) is { } slot)
            (work.Handoffs ??= []).Add((TakeWaiterLocked(head), CheckOutLocked(slot)));
        while (_waiters.Count > _starting && _live < Options.MaxWorkers)
            (work.Starts ??= []).Add(ReserveLocked());
    }

    /// <summary>Destroys broken idle workers, starts the reserved ones and completes the handed-over checkouts. Called without the lock.</summary>
    private void RunWork(PoolWork<TWorker> work)
    {
        if (work.Broken is { } broken) foreach (var slot in broken) DestroyBroken(slot);
        if (work.Starts is { } starts) foreach (var slot in starts) SpawnWorker(slot);
        if (work.Handoffs is { } handoffs)
        {
            foreach (var (waiter, checkout) in handoffs)
            {
                OnCheckedOut(checkout);
                waiter.Complete(checkout);
            }
        }
    }

    private CheckoutWaiter<TWorker> TakeWaiterLocked(LinkedListNode<CheckoutWaiter<TWorker>> node)
    {
        _waiters.Remove(node);
        var waiter = node.Value;
        waiter.Node = null;
        waiter.Done = true;
        return waiter;
    }

    /// <summary>Takes the most recently returned idle worker, setting aside (as Destroying) any that broke while idle.</summary>
    private WorkerSlot<TWorker>? PopIdleLocked(ref List<WorkerSlot<TWorker>>? broken)
    {
        while (_idle.Count > 0)
        {
            var slot = _idle[^1];
            _idle.RemoveAt(_idle.Count - 1);
            if (slot.Worker is not IPoolWorker { IsBroken: true }) return slot;
            slot.State = WorkerSlotState.Destroying;
            _faulted++;
            (broken ??= []).Add(slot);
        }
        return null;
    }

    private void DestroyBroken(WorkerSlot<TWorker> slot)
    {
        _metrics.Add(_metrics.Faulted);
        PoolLog.IdleWorkerBroke(_log, slot.Path);
        slot.Task!.Stop(new StopCause("broke while idle", slot.Path));
    }

    private WorkerCheckout<TWorker> CheckOutLocked(WorkerSlot<TWorker> slot)
    {
        slot.State = WorkerSlotState.CheckedOut;
        slot.Checkouts++;
        _checkouts++;
        var checkout = new WorkerCheckout<TWorker>(this, slot, slot.Describe(slot.Checkouts), _time, Options.HungWorkerTimeout);
        slot.Checkout = checkout;
        return checkout;
    }

    /// <summary>After a checkout was handed out: label the worker's task and count it. Called without the lock.</summary>
    private void OnCheckedOut(WorkerCheckout<TWorker> checkout)
    {
        checkout.Slot.Task!.Label = checkout.Description;
        _metrics.Add(_metrics.Checkouts);
    }

    /// <summary>Fails every waiting checkout and refuses new ones; the kernel then stops the workers.</summary>
    private void Close(StopCause? cause)
    {
        List<CheckoutWaiter<TWorker>> waiting = [];
        lock (_sync)
        {
            if (_closed) return;
            _closed = true;
            while (_waiters.First is { } head) waiting.Add(TakeWaiterLocked(head));
        }
        PoolLog.PoolStopping(_log, _path, cause?.Reason ?? "its task ended", waiting.Count);
        foreach (var waiter in waiting) waiter.Fail(Stopped());
    }
}
