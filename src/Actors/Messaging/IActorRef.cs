namespace Actors;

/// <summary>
/// Sends messages to one task's mailbox. Sending to a finished task never throws: the message goes to
/// <see cref="ActorSystem.DeadLetters"/> (an ask fails with <see cref="ActorNotRunningException"/>).
/// Messages from one sender arrive in the order sent.
/// </summary>
/// <typeparam name="TMessage">The messages the task receives.</typeparam>
public interface IActorRef<in TMessage>
{
    /// <summary>The task behind this reference (<c>await reference.ActorTask.Completion</c> waits for its outcome).</summary>
    ActorTask ActorTask { get; }

    /// <summary>Queues a message without waiting.</summary>
    /// <param name="message">The message.</param>
    /// <returns>False if the message was not queued: the mailbox is full (Wait or Fail mode), it dropped this message (DropNewest; a dead letter), or the task has finished or is stopping (a dead letter).</returns>
    bool TryTell(TMessage message);

    /// <summary>Queues a message without waiting.</summary>
    /// <param name="message">The message.</param>
    /// <exception cref="MailboxFullException">A bounded mailbox is full and its mode is Wait or Fail; use <see cref="SendAsync"/> to wait for room.</exception>
    void Tell(TMessage message);

    /// <summary>Queues a message, waiting for room in a bounded mailbox whose mode is Wait.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Stops the waiting for room.</param>
    /// <returns>Completes once the message is queued (or dropped, or dead-lettered).</returns>
    /// <exception cref="MailboxFullException">The mailbox is full and its mode is Fail.</exception>
    ValueTask SendAsync(TMessage message, CancellationToken cancellationToken = default);

    /// <summary>Sends a request built around a reply slot and waits for the reply.</summary>
    /// <typeparam name="TReply">The reply type.</typeparam>
    /// <param name="request">Builds the message from the reply slot the handler answers through.</param>
    /// <param name="timeout">Deadline; null takes <see cref="ActorSystemOptions.AskTimeout"/>.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The reply; or the handler's own exception (original type and stack) if handling failed.</returns>
    /// <exception cref="ActorTimeoutException">No reply before the deadline.</exception>
    /// <exception cref="ActorNotRunningException">The task finished before handling the request.</exception>
    Task<TReply> AskAsync<TReply>(Func<IReplyTo<TReply>, TMessage> request, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary>Closes the mailbox: later sends go to dead letters; a handler actor finishes Completed once it has handled what is queued.</summary>
    void Complete();
}
