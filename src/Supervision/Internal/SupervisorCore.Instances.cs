namespace Actors.Supervision.Internal;

internal sealed partial class SupervisorCore
{
    /// <summary>Spawns an instance (with a handoff that keeps the slot's messages), or null when the start answers ignore.</summary>
    private ActorTask? Spawn(ChildSlot slot)
    {
        var spec = slot.Spec;
        var spawn = slot.Ref is { } stable
            ? InstanceOptions(slot, stable.NewHandoff())                   // each instance its own handoff
            : slot.InstanceOptions ??= InstanceOptions(slot, null);        // without a stable reference every instance's options are the same
        var task = spec.StartWithInfo(_ctx.Self, spawn, new ChildStartInfo(slot.Restarts, slot.ExitFailure, slot.ExitMessage));
        if (task is null) return null;
        if (!ReferenceEquals(task.Parent, _ctx.Self) && !(task.IsFinished && task.Parent is null && task.System == _ctx.Self.System && task.Name == spec.Id))
        {
            task.Stop(new StopCause("spawned under the wrong parent", _ctx.Self.Path));
            throw new InvalidOperationException(
                $"The start function of child '{spec.Id}' spawned its task at {task.Path}, not under the supervisor {_ctx.Self.Path}; spawn it under the parent the start function is given.");
        }
        return task;
    }

    /// <summary>The spawn options of an instance of <paramref name="slot"/>: the spec's, named by its id, deciding at the failure.</summary>
    private SpawnOptions InstanceOptions(ChildSlot slot, object? handoff) => new(slot.Spec.Options)
    {
        Name = slot.Spec.Id,
        NameConflict = NameConflictPolicy.Replace,
        ResumeOn = slot.Spec.Options.ResumeOn ?? (failure => DecideAtTheFailure(slot, failure)),
        Handoff = handoff,
    };

    /// <summary>
    /// A handler actor's failure, on its own thread: the decider runs here, once (a resume must be decided
    /// before the actor's next message); any other answer is kept for the loop, which does not ask again.
    /// </summary>
    private bool DecideAtTheFailure(ChildSlot slot, Exception failure)
    {
        var directive = Decide(failure);
        if (directive == SupervisorDirective.Resume) return true;
        slot.KeepDecision(failure, directive);
        return false;
    }

    /// <summary>The directive for a child's failure: the one decided when it failed, else the decider's answer now.</summary>
    private SupervisorDirective DecideOnce(ChildSlot slot, Exception failure) =>
        slot.TakeDecision(failure) is { } decided ? decided : Decide(failure);
}
