namespace Actors.Supervision.Pools.Internal;

/// <summary>A queued call with a result of type <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TWorker">The worker type.</typeparam>
/// <typeparam name="TResult">The call's result.</typeparam>
internal sealed class PendingCall<TWorker, TResult>(
    Func<TWorker, CancellationToken, ValueTask<TResult>> call, CancellationToken cancellationToken) : PendingCall<TWorker>
    where TWorker : class
{
    private readonly TaskCompletionSource<TResult> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);   // the caller awaits it

    public Task<TResult> Task => _promise.Task;

    public override async Task RunAsync(WorkerCheckout<TWorker> checkout)
    {
        try
        {
            _promise.TrySetResult(await checkout.ExecuteAsync(call, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
    }

    public override void Fail(Exception error)
    {
        if (error is OperationCanceledException cancelled) _promise.TrySetCanceled(cancelled.CancellationToken);
        else _promise.TrySetException(error);
    }
}
