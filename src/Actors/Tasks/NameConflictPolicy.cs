namespace Actors;

/// <summary>What happens when a named task is spawned while a task of that name runs under the same parent.</summary>
public enum NameConflictPolicy
{
    /// <summary>The older task is stopped and finishes <see cref="ActorTaskState.Failed"/> with a <see cref="NameOverlapException"/>; the newer takes the name. The default.</summary>
    FailOlder,

    /// <summary>The spawn throws <see cref="NameOverlapException"/>; the older task is untouched.</summary>
    RejectNewer,

    /// <summary>The older task is stopped (<see cref="ActorTaskState.Stopped"/>) and the newer takes the name.</summary>
    Replace,
}
