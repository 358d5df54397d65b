namespace Actors;

/// <summary>
/// The whole tree at one moment: the structure is copied under the tree lock, so every listed task had
/// the listed parent at the same instant. Tasks are in pre-order (each parent before its children,
/// siblings in start order).
/// </summary>
/// <param name="Tasks">Every task, the root first.</param>
/// <param name="Counts">Totals by state.</param>
/// <param name="DeadLetters">Dead letters so far.</param>
/// <param name="MessagesHandled">Messages handled by handler actors so far.</param>
public sealed record ActorTreeSnapshot(IReadOnlyList<ActorTaskInfo> Tasks, IReadOnlyDictionary<ActorTaskState, int> Counts, long DeadLetters, long MessagesHandled)
{
    /// <summary>Tasks other than the root.</summary>
    public int Total => Tasks.Count - 1;
}
