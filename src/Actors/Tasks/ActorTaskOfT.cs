using System.Runtime.CompilerServices;

namespace Actors;

/// <summary>A task whose body returns a <typeparamref name="TResult"/>; <c>await task.Completion</c> gives that result.</summary>
/// <typeparam name="TResult">The result type.</typeparam>
public abstract class ActorTask<TResult> : ActorTask
{
    private protected ActorTask(ActorSystem system, ActorTask? parent, SpawnOptions options)
        : base(system, parent, options) { }

    /// <summary>The outcome: the body's result, or its original exception, or <see cref="ActorStoppedException"/>.</summary>
    /// <exception cref="InvalidOperationException">Read from inside the task's own body.</exception>
    public new Task<TResult> Completion
    {
        get
        {
            ThrowIfSelf();
            lock (System.TreeLock)
            {
                MarkObservedLocked();
                if (!IsFinished)
                {
                    if (OutcomeSource is not TaskCompletionSource<TResult> outcome)   // kept with the rarely used state: most tasks are never awaited
                        OutcomeSource = outcome = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                    return outcome.Task;
                }
                return State == ActorTaskState.Completed
                    ? Task.FromResult(Result)
                    : Task.FromException<TResult>(OutcomeExceptionLocked());
            }
        }
    }

    private protected override Task CompletionCore => Completion;

    /// <summary>Keeps the body's result (with the rarely used state: a handler actor has none); called before the task is final.</summary>
    private protected void SetResult(TResult result)
    {
        if (typeof(TResult) == typeof(Internal.NoResult)) return;
        lock (System.TreeLock) ResultSlot = result;
    }

    /// <summary>The body's result; read once the task is final.</summary>
    private TResult Result => typeof(TResult) == typeof(Internal.NoResult) ? default! : (TResult)ResultSlot!;

    private protected override void PublishOutcome()
    {
        if (OutcomeSource is not TaskCompletionSource<TResult> outcome) return;
        if (State == ActorTaskState.Completed) outcome.TrySetResult(Result);
        else
        {
            Exception error;
            lock (System.TreeLock) error = OutcomeExceptionLocked();
            outcome.TrySetException(error);
        }
    }
}
