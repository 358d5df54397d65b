using System.Globalization;
using Actors.Supervision.Pools.Internal;

namespace Actors.Supervision.Pools;

public sealed partial class WorkerPool<TWorker>
{
    private const string WorkerPrefix = "worker-";

    /// <summary>Takes the lowest free worker number for a new worker. Caller holds the lock and has checked there is room.</summary>
    private WorkerSlot<TWorker> ReserveLocked()
    {
        var index = Array.IndexOf(_slots, null);
        var slot = new WorkerSlot<TWorker>(index + 1, _starts[index]++);
        _slots[index] = slot;
        _live++;
        _starting++;
        return slot;
    }

    /// <summary>Spawns a reserved worker's task under the pool's task. Called without the lock.</summary>
    private void SpawnWorker(WorkerSlot<TWorker> slot)
    {
        try
        {
            var task = _task.Run(ctx => RunWorkerAsync(ctx, slot), new SpawnOptions
            {
                Name = WorkerPrefix + slot.Number.ToString(CultureInfo.InvariantCulture),
                Label = $"worker {slot.Number}, starting",
                Timeout = Timeout.InfiniteTimeSpan,
            });
            task.SetRestarts(slot.Restarts);
        }
        catch (InvalidOperationException)
        {
            // The pool's task has finished, so the pool is closed: give the number back.
            lock (_sync)
            {
                _slots[slot.Number - 1] = null;
                _live--;
                _starting--;
                slot.State = WorkerSlotState.Gone;
            }
        }
    }

    /// <summary>A worker task's body: set the worker up, offer it, live until stopped, then dispose it.</summary>
    private async Task RunWorkerAsync(ActorContext ctx, WorkerSlot<TWorker> slot)
    {
        var worker = await SetUpAsync(ctx.Cancellation).ConfigureAwait(false);
        try
        {
            ctx.Cancellation.ThrowIfCancellationRequested();
            OnWorkerReady(slot, ctx.Self, worker);
            await System.Threading.Tasks.Task.Delay(Timeout.Infinite, ctx.Cancellation).ConfigureAwait(false);
        }
        finally
        {
            if (await WorkerDisposal.DisposeAsync(worker, Options.HungWorkerTimeout, _time).ConfigureAwait(false) is { } error)
                PoolLog.WorkerDisposeFailed(_log, ctx.Self.Path, error);
        }
    }

    /// <summary>Runs the factory within the hung-worker timeout. A late worker from an abandoned setup is disposed when it arrives.</summary>
    private async Task<TWorker> SetUpAsync(CancellationToken cancellationToken)
    {
        var pending = _factory(cancellationToken);
        TWorker? worker;
        if (pending.IsCompleted || Options.HungWorkerTimeout == Timeout.InfiniteTimeSpan) worker = await pending.ConfigureAwait(false);
        else
        {
            var setup = pending.AsTask();
            try
            {
                worker = await setup.WaitAsync(Options.HungWorkerTimeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException && !setup.IsCompleted)
            {
                _ = setup.ContinueWith(DisposeLateWorker, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                if (ex is OperationCanceledException) throw;
                throw new TimeoutException($"The worker factory of pool {_path} ran past the hung-worker timeout of {Options.HungWorkerTimeout}.", ex);
            }
        }
        return worker ?? throw new InvalidOperationException($"The worker factory of pool {_path} returned null. Return a worker, or throw to report a setup failure.");
    }

    private void DisposeLateWorker(Task<TWorker> setup)
    {
        if (setup.IsCompletedSuccessfully && setup.Result is { } late) _ = WorkerDisposal.DisposeAsync(late, Options.HungWorkerTimeout, _time);
        else _ = setup.Exception;
    }

    /// <summary>The worker's setup succeeded: it becomes idle and may go straight to the oldest waiting checkout.</summary>
    private void OnWorkerReady(WorkerSlot<TWorker> slot, ActorTask task, TWorker worker)
    {
        var path = task.Path;
        var work = default(PoolWork<TWorker>);
        string label;
        lock (_sync)
        {
            AssertInvariants();
            slot.Task = task;
            slot.Path = path;
            slot.Worker = worker;
            _starting--;
            _created++;
            label = slot.Describe(0);
            if (_closed) slot.State = WorkerSlotState.Destroying;   // the kernel is stopping it
            else
            {
                slot.State = WorkerSlotState.Idle;
                _idle.Add(slot);
                PumpLocked(ref work);
            }
        }
        if (work.Handoffs is null) task.Label = label;
        _metrics.Add(_metrics.Created);
        PoolLog.WorkerReady(_log, path, label, slot.Restarts);
        RunWork(work);
    }

    /// <summary>A worker task ended (destroyed, stopped from outside, or its setup failed): free its number and refill.</summary>
    /// <returns>True if the task was one of this pool's workers (its failure is then reported here, not as unobserved).</returns>
    internal bool OnWorkerExited(ActorTask child)
    {
        if (child.Name is not { } name || !name.StartsWith(WorkerPrefix, StringComparison.Ordinal)
            || !int.TryParse(name.AsSpan(WorkerPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number < 1 || number > _slots.Length)
            return false;
        var work = default(PoolWork<TWorker>);
        CheckoutWaiter<TWorker>? setupWaiter = null;
        WorkerCheckout<TWorker>? orphan = null;
        WorkerSlotState was;
        lock (_sync)
        {
            AssertInvariants();
            var slot = _slots[number - 1];
            if (slot is null || (slot.Task is not null && !ReferenceEquals(slot.Task, child))) return false;
            _slots[number - 1] = null;
            _live--;
            was = slot.State;
            slot.State = WorkerSlotState.Gone;
            if (was == WorkerSlotState.Starting) _starting--;
            else _destroyed++;
            if (was == WorkerSlotState.Idle) _idle.Remove(slot);
            if (was == WorkerSlotState.CheckedOut) orphan = slot.Checkout;
            if (was == WorkerSlotState.Starting && child.State == ActorTaskState.Failed && !_closed)
            {
                _setupFailures++;
                if (_waiters.First is { } head) setupWaiter = TakeWaiterLocked(head);
            }
            PumpLocked(ref work);
        }
        ReportExit(child, was, setupWaiter, orphan);
        RunWork(work);
        return true;
    }

    private void ReportExit(ActorTask child, WorkerSlotState was, CheckoutWaiter<TWorker>? setupWaiter, WorkerCheckout<TWorker>? orphan)
    {
        var path = child.Path;
        if (was == WorkerSlotState.Starting)
        {
            if (child.State != ActorTaskState.Failed) return;   // stopped during setup
            var error = new WorkerSetupException(_path, child.Failure!);
            _metrics.Add(_metrics.SetupFailed);
            PoolLog.WorkerSetupFailed(_log, path, setupWaiter is null ? "no checkout was waiting" : "the oldest waiting checkout gets the error", child.Failure);
            setupWaiter?.Fail(error);
            return;
        }
        _metrics.Add(_metrics.Destroyed);
        if (child.State == ActorTaskState.Failed) PoolLog.WorkerFailed(_log, path, child.Failure);
        else PoolLog.WorkerDestroyed(_log, path, child.StopCause?.Reason ?? "ended");
        orphan?.FaultWith(new WorkerFaultException(path, $"Worker {path} was stopped while checked out ({child.StopCause?.Reason ?? child.State.ToString()}); the checkout is unusable.", child.Failure));
    }
}
