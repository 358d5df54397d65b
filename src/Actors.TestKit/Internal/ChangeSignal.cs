namespace Actors.Testing.Internal;

/// <summary>
/// Wakes every waiter when something changed. Waiters read the state and take <see cref="Next"/> together
/// (under their owner's lock), evaluate outside it, and wait on the task if they are not satisfied yet,
/// so no user predicate ever runs under a lock and no change is missed.
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _next = New();   // swapped by Take, under the owner's lock

    /// <summary>Completes at the next change. Read it under the owner's lock.</summary>
    public Task Next => _next.Task;

    /// <summary>Swaps in a fresh signal; call under the owner's lock, then complete the result outside it.</summary>
    public TaskCompletionSource Take()
    {
        var fired = _next;
        _next = New();
        return fired;
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
