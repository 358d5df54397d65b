namespace Actors.Supervision.Pools;

public sealed partial class WorkerCheckout<TWorker>
{
    /// <summary>
    /// Runs an asynchronous <paramref name="call"/> that returns nothing on the worker, in order (see
    /// <see cref="CallAsync{TResult}(Func{TWorker, CancellationToken, ValueTask{TResult}}, CancellationToken)"/>).
    /// Also the overload a lambda that only throws binds to (<c>checkout.CallAsync(w => throw ...)</c>).
    /// </summary>
    /// <param name="call">The work.</param>
    /// <param name="cancellationToken">Checked before the call starts.</param>
    /// <returns>Completes when the call has.</returns>
    public async ValueTask CallAsync(Func<TWorker, Task> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        await CallAsync(async (worker, _) =>
        {
            await call(worker).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a synchronous <paramref name="call"/> that returns nothing on the worker, in order (see <see cref="CallAsync(Func{TWorker, Task}, CancellationToken)"/>).</summary>
    /// <param name="call">The work.</param>
    /// <param name="cancellationToken">Checked before the call starts.</param>
    /// <returns>Completes when the call has.</returns>
    public async ValueTask CallAsync(Action<TWorker> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        await CallAsync((worker, _) =>
        {
            call(worker);
            return new ValueTask<bool>(true);
        }, cancellationToken).ConfigureAwait(false);
    }
}
