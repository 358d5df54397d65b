using System.Collections.Concurrent;

namespace Actors.Supervision.Internal;

internal sealed partial class SupervisorCore
{
    private readonly ConcurrentDictionary<string, ISlotRef> _refs = new(StringComparer.Ordinal);   // stable references by child id; written by the loop (and before it starts), read by anyone

    private ActorTask? _self;   // the supervisor's own task; set right after its spawn (Volatile)

    /// <summary>The supervisor's own task: known to the loop from its context, to everyone else once <see cref="Supervisor.StartCore"/> returns.</summary>
    public ActorTask Self => Volatile.Read(ref _self) ?? Volatile.Read(ref _ctx)!.Self;

    public ActorSystem System => Self.System;

    public string Path => Self.Path;

    /// <summary>Gives the spec'd children their stable references; called before the supervisor task is spawned.</summary>
    public void CreateRefs()
    {
        foreach (var slot in _slots) AddRef(slot);
    }

    /// <summary>Called once the supervisor task exists, before anyone gets a handle.</summary>
    public void Bind(ActorTask self) => Volatile.Write(ref _self, self);

    /// <summary>The stable reference of child <paramref name="id"/>, or null.</summary>
    public ISlotRef? FindRef(string id) => _refs.GetValueOrDefault(id);

    private void AddRef(ChildSlot slot)
    {
        slot.Ref = slot.Spec.CreateSlotRef(this);
        if (slot.Ref is not null) _refs[slot.Spec.Id] = slot.Ref;
    }

    /// <summary>Removes a slot and forgets its reference (closed already: it ended for good).</summary>
    private void RemoveSlot(ChildSlot slot)
    {
        _slots.Remove(slot);
        if (slot.Ref is { } reference) _refs.TryRemove(new KeyValuePair<string, ISlotRef>(slot.Spec.Id, reference));
    }

    /// <summary>Records how the instance ended, for the next start's <see cref="ChildStartInfo"/>.</summary>
    private static void RecordExit(ChildSlot slot, ActorTask? instance, Exception? failure)
    {
        slot.ExitFailure = failure;
        slot.ExitMessage = failure is null ? null : (instance?.Options.Handoff as IInstanceHandoff)?.FailedMessage;
    }

    /// <summary>The start function answered "ignore": nothing runs, the spec stays, no restart.</summary>
    private void Ignored(ChildSlot slot)
    {
        slot.Current = null;
        SupervisionLog.ChildIgnored(_log, Path, slot.Spec.Id);
        slot.EndedForGood();
    }

    private ChildOperationResult ResetRestarts(ChildSlot slot)
    {
        slot.Restarts = 0;
        slot.Current?.SetSupervision(0, null);
        return ChildOperationResult.Ok;
    }
}
