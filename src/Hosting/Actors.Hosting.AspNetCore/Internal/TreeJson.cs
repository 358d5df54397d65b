namespace Actors.Hosting.AspNetCore.Internal;

/// <summary>
/// One page of the tree: <see cref="Total"/> tasks match the filter, <see cref="Tasks"/> holds those from
/// <see cref="Offset"/>; <see cref="Truncated"/> marks that more follow at <see cref="NextOffset"/>.
/// </summary>
internal sealed record TreeJson(
    int Total, int Offset, int Count, bool Truncated, int? NextOffset, int AllTasks, long DeadLetters, long MessagesHandled,
    IReadOnlyList<TaskJson> Tasks);
