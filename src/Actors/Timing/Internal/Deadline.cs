namespace Actors.Internal;

/// <summary>
/// A running deadline for a body or for one handled message. When it fires first, the task is stopped
/// and ends Failed with <see cref="ActorTimeoutException"/>; disposing it first disarms it.
/// </summary>
internal sealed class Deadline : IDisposable
{
    private const int Armed = 0, Disarmed = 1, Fired = 2;

    private readonly ActorTask _task;      // whose deadline; immutable
    private readonly TimeSpan _timeout;    // immutable
    private readonly string _what;         // "body" or "message handling"; immutable
    private readonly ITimer _timer;        // the scheduled check
    private int _state;                    // Armed, Disarmed or Fired (Interlocked)

    private Deadline(ActorTask task, TimeSpan timeout, string what)
    {
        _task = task;
        _timeout = timeout;
        _what = what;
        _timer = task.System.TimeProvider.CreateTimer(static s => ((Deadline)s!).Fire(), this, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Arms the task's deadline for its whole body, or returns null if it has none.</summary>
    public static Deadline? ForBody(ActorTask task) => Create(task, "its body");

    /// <summary>Arms the task's deadline for the message being handled, or returns null if it has none.</summary>
    public static Deadline? ForMessage(ActorTask task) => Create(task, "handling one message");

    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref _state, Disarmed, Armed) == Armed) _timer.Dispose();
    }

    private static Deadline? Create(ActorTask task, string what)
    {
        var timeout = task.Options.Timeout ?? task.System.Options.TaskTimeout;
        return timeout == Timeout.InfiniteTimeSpan ? null : new Deadline(task, timeout, what);
    }

    private void Fire()
    {
        if (Interlocked.CompareExchange(ref _state, Fired, Armed) != Armed) return;
        _timer.Dispose();
        var path = _task.Path;
        var error = new ActorTimeoutException($"Task {path} ran past its {_timeout} deadline ({_what}). Raise SpawnOptions.Timeout, or pass Timeout.InfiniteTimeSpan for a long-lived task.");
        _task.StopObserved(new StopCause("deadline passed", path, error), error);
    }
}
