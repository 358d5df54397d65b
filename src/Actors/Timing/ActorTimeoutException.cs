namespace Actors;

/// <summary>
/// A deadline passed: a task's own deadline (the task then finishes <see cref="ActorTaskState.Failed"/>),
/// a section bounded by <see cref="ActorContext.WithTimeoutAsync{T}(TimeSpan, Func{TimeoutScope, Task{T}}, Func{ActorTimeoutException, Exception}?)"/>
/// (the body may catch it), or an ask.
/// </summary>
public sealed class ActorTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What ran out of time, and how long it had.</param>
    /// <param name="inner">The cancellation that the deadline caused, if any.</param>
    public ActorTimeoutException(string message, Exception? inner = null) : base(message, inner) { }
}
