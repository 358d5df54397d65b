namespace Actors.Supervision;

/// <summary>One supervised child, as <see cref="Supervisor.WhichChildrenAsync"/> reports it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Task">The running instance, or null.</param>
/// <param name="Status">Running, restarting or terminated.</param>
/// <param name="Restart">Its restart policy.</param>
/// <param name="Restarts">How many times it has been restarted.</param>
/// <param name="IsSupervisor">Whether it is a nested supervisor.</param>
/// <param name="IsDynamic">Whether it was added at run time (group restarts do not bring such children back).</param>
public sealed record ChildInfo(string Id, ActorTask? Task, ChildStatus Status, RestartPolicy Restart, int Restarts, bool IsSupervisor, bool IsDynamic);
