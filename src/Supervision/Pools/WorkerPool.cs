namespace Actors.Supervision.Pools;

/// <summary>Starts worker pools (see <see cref="WorkerPool{TWorker}"/>).</summary>
public static class WorkerPool
{
    /// <summary>Starts a pool as a child task of <paramref name="parent"/>; its workers are created on demand as children of the pool's task.</summary>
    /// <typeparam name="TWorker">The worker type. If it implements <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/> the pool disposes destroyed workers.</typeparam>
    /// <param name="parent">Where the pool lives, for example a long-lived process's <see cref="ActorContext.Self"/> or <see cref="ActorSystem.Root"/>.</param>
    /// <param name="name">The pool task's name (its path is <c>/parent/name</c>).</param>
    /// <param name="factory">Creates one worker (the setup step); it gets the worker task's cancellation. A throw, or a null result, is a setup error for the checkout that waited.</param>
    /// <param name="options">Sizes and timeouts; null for defaults.</param>
    /// <returns>The pool.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parent"/> or <paramref name="factory"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message says which and what to do).</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid task name.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="parent"/> has finished, or the system is stopped.</exception>
    public static WorkerPool<TWorker> Start<TWorker>(ActorTask parent, string name, Func<CancellationToken, ValueTask<TWorker>> factory, WorkerPoolOptions? options = null)
        where TWorker : class
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory, nameof(factory));
        options ??= new WorkerPoolOptions();
        options.Validate();
        return new WorkerPool<TWorker>(parent, name, factory, options);
    }

    /// <summary>Starts a top-level pool.</summary>
    /// <inheritdoc cref="Start{TWorker}(ActorTask, string, Func{CancellationToken, ValueTask{TWorker}}, WorkerPoolOptions?)"/>
    /// <param name="system">The system.</param>
    /// <param name="name">The pool task's name.</param>
    /// <param name="factory">Creates one worker.</param>
    /// <param name="options">Sizes and timeouts; null for defaults.</param>
    public static WorkerPool<TWorker> Start<TWorker>(ActorSystem system, string name, Func<CancellationToken, ValueTask<TWorker>> factory, WorkerPoolOptions? options = null)
        where TWorker : class
    {
        ArgumentNullException.ThrowIfNull(system);
        return Start(system.Root, name, factory, options);
    }
}
