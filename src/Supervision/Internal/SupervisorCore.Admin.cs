namespace Actors.Supervision.Internal;

internal sealed partial class SupervisorCore
{
    private async Task AdministerAsync(AdminRequest request)
    {
        object result;
        try { result = await AdministerCoreAsync(request).ConfigureAwait(false); }
        catch (Exception ex)
        {
            request.Reply.Fail(ex);
            return;
        }
        request.Reply.Reply(result);
    }

    private async Task<object> AdministerCoreAsync(AdminRequest request)
    {
        switch (request.Kind)
        {
            case AdminKind.Which:
                return _slots.Select(s => new ChildInfo(s.Spec.Id, s.Current, s.Status, s.Spec.Restart, s.Restarts, s.IsSupervisor, s.Dynamic)).ToList();
            case AdminKind.Count:
                return new ChildCounts(_slots.Count, _slots.Count(s => s.Status == ChildStatus.Running),
                    _slots.Count(s => s.IsSupervisor), _slots.Count(s => !s.IsSupervisor));
        }
        if (request.Kind == AdminKind.Watch) return Watch(request.Id!, request.Watch!);
        if (_shuttingDown) return ChildOperationResult.ShuttingDown;
        if (request.Kind == AdminKind.Start) return StartChild(request.Spec!);
        var slot = _slots.Find(s => s.Spec.Id == request.Id);
        if (slot is null) return ChildOperationResult.NotFound;
        switch (request.Kind)
        {
            case AdminKind.Terminate:
                await StopSlotAsync(slot).ConfigureAwait(false);
                slot.EndedForGood();
                return ChildOperationResult.Ok;

            case AdminKind.Restart:
                if (slot.Status == ChildStatus.Running) return ChildOperationResult.AlreadyRunning;
                if (slot.Status == ChildStatus.Restarting) return ChildOperationResult.Restarting;
                StartNow(slot);
                return slot.Current is null ? ChildOperationResult.Ignored : ChildOperationResult.Ok;
            case AdminKind.ResetRestarts:
                return ResetRestarts(slot);
            case AdminKind.Delete:
                if (slot.Status == ChildStatus.Running) return ChildOperationResult.AlreadyRunning;
                if (slot.Status == ChildStatus.Restarting) return ChildOperationResult.Restarting;
                slot.EndedForGood();
                RemoveSlot(slot);
                return ChildOperationResult.Ok;
            default:
                throw new InvalidOperationException($"Unknown request {request.Kind}.");
        }
    }

    private ChildOperationResult Watch(string id, Actors.Internal.IWatch watch)
    {
        var slot = _slots.Find(s => s.Spec.Id == id);
        if (slot is null) return ChildOperationResult.NotFound;
        if (slot.Status == ChildStatus.Terminated) watch.Deliver();   // already ended: told at once
        else (slot.Watchers ??= []).Add(watch);
        return ChildOperationResult.Ok;
    }

    private ChildOperationResult StartChild(ChildSpec spec)
    {
        if (_slots.Find(s => s.Spec.Id == spec.Id) is { } existing)
            return existing.Status == ChildStatus.Running ? ChildOperationResult.AlreadyRunning : ChildOperationResult.AlreadyPresent;   // restarting: present, as in OTP
        var slot = new ChildSlot(spec, dynamic: true);
        AddRef(slot);
        try { StartNow(slot); }
        catch
        {
            slot.EndedForGood();
            RemoveSlot(slot);   // a start that throws reaches the caller; the slot is not kept
            throw;
        }
        _slots.Add(slot);
        return slot.Current is null ? ChildOperationResult.Ignored : ChildOperationResult.Ok;
    }
}
