using System.Diagnostics.Metrics;
using Actors.Supervision.Pools.Internal;

namespace Actors.Supervision.Pools;

public sealed partial class WorkerPool<TWorker>
{
    /// <summary>
    /// A checkout was released and its calls have ended: destroy the worker if a call threw (and the
    /// policy says replace) or it reached MaxCheckouts; otherwise it becomes idle for the next checkout.
    /// </summary>
    internal void OnReleased(WorkerCheckout<TWorker> checkout, bool errored)
    {
        var slot = checkout.Slot;
        var work = default(PoolWork<TWorker>);
        StopCause? destroy = null;
        Counter<long>? counter = null;
        lock (_sync)
        {
            AssertInvariants();
            if (!ReferenceEquals(slot.Checkout, checkout)) return;
            slot.Checkout = null;
            if (slot.State != WorkerSlotState.CheckedOut) return;   // already destroyed by a fatal error or a stop
            if (_closed) destroy = new StopCause("worker pool stopping", _path);
            else if (errored && Options.OnCallError == CallErrorPolicy.ReplaceWorker)
            {
                _replaced++;
                counter = _metrics.Replaced;
                destroy = new StopCause("replaced after a call error", _path);
            }
            else if (Options.MaxCheckouts is { } max && slot.Checkouts >= max)
            {
                _recycled++;
                counter = _metrics.Recycled;
                destroy = new StopCause($"recycled after {slot.Checkouts} checkouts", _path);
            }
            if (destroy is not null) slot.State = WorkerSlotState.Destroying;
            else
            {
                slot.State = WorkerSlotState.Idle;
                _idle.Add(slot);
                PumpLocked(ref work);
            }
        }
        if (destroy is not null)
        {
            if (counter is not null) _metrics.Add(counter);
            PoolLog.WorkerDestroying(_log, slot.Path, destroy.Reason);
            slot.Task!.Stop(destroy);
        }
        RunWork(work);
    }

    /// <summary>A checkout became unusable (hung call, abort, broken worker): destroy its worker now, not at release.</summary>
    internal void OnCheckoutFaulted(WorkerCheckout<TWorker> checkout, WorkerFaultException fault)
    {
        var slot = checkout.Slot;
        lock (_sync)
        {
            AssertInvariants();
            if (!ReferenceEquals(slot.Checkout, checkout) || slot.State != WorkerSlotState.CheckedOut) return;
            slot.State = WorkerSlotState.Destroying;
            _faulted++;
        }
        if (fault is WorkerHungException) _metrics.Add(_metrics.Hung);
        _metrics.Add(_metrics.Faulted);
        PoolLog.WorkerFaulted(_log, slot.Path, fault);
        slot.Task!.Stop(new StopCause("destroyed after a fatal checkout error", slot.Path, fault));
    }
}
