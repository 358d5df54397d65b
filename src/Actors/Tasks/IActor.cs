namespace Actors;

/// <summary>A handler actor's behaviour as an object (for dependency injection and factories).</summary>
/// <typeparam name="TMessage">The messages it handles.</typeparam>
public interface IActor<TMessage>
{
    /// <summary>Handles one message. Messages are handled one at a time, in order; a throw fails the actor.</summary>
    /// <param name="context">The actor's context.</param>
    /// <param name="message">The message.</param>
    /// <returns>Completes when the message is handled.</returns>
    ValueTask ReceiveAsync(ActorContext<TMessage> context, TMessage message);
}
