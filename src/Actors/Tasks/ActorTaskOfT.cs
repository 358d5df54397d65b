using System.Runtime.CompilerServices;

namespace Actors;

/// <summary>A task whose body returns a <typeparamref name="TResult"/>; <c>await task.Completion</c> gives that result.</summary>
/// <typeparam name="TResult">The result type.</typeparam>
public abstract class ActorTask<TResult> : ActorTask
{
    private TResult? _result;                          // set by the body before the task becomes final
    private TaskCompletionSource<TResult>? _outcome;   // created on first read of Completion before the task is final

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
                    return (_outcome ??= new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                return State == ActorTaskState.Completed
                    ? Task.FromResult(_result!)
                    : Task.FromException<TResult>(OutcomeExceptionLocked());
            }
        }
    }

    private protected override Task CompletionCore => Completion;

    private protected void SetResult(TResult result) => _result = result;

    private protected override void PublishOutcome()
    {
        var outcome = Volatile.Read(ref _outcome);
        if (outcome is null) return;
        if (State == ActorTaskState.Completed) outcome.TrySetResult(_result!);
        else
        {
            Exception error;
            lock (System.TreeLock) error = OutcomeExceptionLocked();
            outcome.TrySetException(error);
        }
    }
}
