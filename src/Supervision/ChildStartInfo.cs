namespace Actors.Supervision;

/// <summary>
/// Why a child instance is being started: what a restarted instance may want to know about the one it
/// replaces (Akka's pre/post-restart). Given to the start functions that take it.
/// </summary>
/// <param name="Restarts">Which restart this start is: 0 on the first start, n on the n-th restart (counted since the last <see cref="Supervisor.ResetRestartCountAsync"/>).</param>
/// <param name="Failure">The exception the replaced instance failed with; null on the first start, after a normal exit, or when the supervisor stopped it (a group restart, an administrative restart).</param>
/// <param name="FailedMessage">The message a handler actor was handling when it threw (it is not redelivered); null for processes, and when <paramref name="Failure"/> is null.</param>
public sealed record ChildStartInfo(int Restarts, Exception? Failure, object? FailedMessage)
{
    /// <summary>The first start of a slot.</summary>
    public static ChildStartInfo First { get; } = new(0, null, null);

    /// <summary>Whether an earlier instance of the slot ran.</summary>
    public bool IsRestart => Restarts > 0 || Failure is not null;
}
