namespace Actors;

/// <summary>Sending helpers for <see cref="IActorRef{TMessage}"/>.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Asks a <see cref="Request{TReply}"/> and waits for its answer: <c>await counter.AskAsync(new Add(5))</c>,
    /// the reply type inferred from the request. Same deadline and failure rules as
    /// <see cref="IActorRef{TMessage}.AskAsync{TReply}(Func{IReplyTo{TReply}, TMessage}, TimeSpan?, CancellationToken)"/>.
    /// </summary>
    /// <typeparam name="TMessage">The messages the target receives; the request must be one.</typeparam>
    /// <typeparam name="TReply">The answer's type.</typeparam>
    /// <param name="target">Who answers.</param>
    /// <param name="request">The question; a new instance per ask.</param>
    /// <param name="timeout">Deadline; null takes <see cref="ActorSystemOptions.AskTimeout"/>.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The answer; or the handler's own exception if handling failed.</returns>
    /// <exception cref="ArgumentException"><paramref name="request"/> is not a <typeparamref name="TMessage"/>.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="request"/> was already asked.</exception>
    /// <exception cref="ActorTimeoutException">No answer before the deadline.</exception>
    /// <exception cref="ActorNotRunningException">The target finished before handling the request.</exception>
    public static Task<TReply> AskAsync<TMessage, TReply>(this IActorRef<TMessage> target, Request<TReply> request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(request);
        if (request is not TMessage message)
            throw new ArgumentException($"A {request.GetType().Name} is not a {typeof(TMessage).Name}, so this actor cannot receive it. Make the request record implement {typeof(TMessage).Name}.", nameof(request));
        if (request.IsAsked)
            throw new InvalidOperationException($"This {request.GetType().Name} was already asked. Create a new request for each ask.");
        return target.AskAsync<TReply>(slot =>
        {
            request.Bind(slot);
            return message;
        }, timeout, cancellationToken);
    }
}
