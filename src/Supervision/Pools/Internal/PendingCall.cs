namespace Actors.Supervision.Pools.Internal;

/// <summary>A call issued while another call of the same checkout was running; it runs after the calls before it.</summary>
/// <typeparam name="TWorker">The worker type.</typeparam>
internal abstract class PendingCall<TWorker> where TWorker : class
{
    /// <summary>Runs the call on the checkout's worker and completes the caller's task. Never throws.</summary>
    public abstract Task RunAsync(WorkerCheckout<TWorker> checkout);

    /// <summary>Fails the call without running it (an earlier call failed, or the checkout became unusable).</summary>
    public abstract void Fail(Exception error);
}
