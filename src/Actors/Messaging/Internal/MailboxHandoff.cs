namespace Actors.Internal;

/// <summary>
/// Takes what one finished instance could not deliver, instead of dead letters: supervisors set one per
/// instance (through <see cref="SpawnOptions.Handoff"/>) so a child slot's messages outlive the instance.
/// <para>Order of calls from the kernel: any number of <see cref="TakeLate"/> (posts that found the
/// mailbox closed) may come at any time from any thread; the closing thread calls <see cref="TakeQueued"/>
/// for each message still queued, in mailbox order, then <see cref="Drained"/> once. Every message a
/// sender queued before its late message is among the queued ones, so putting the queued ones first
/// keeps each sender's order. A handler actor that fails reports the message it was handling through
/// <see cref="Failed"/> before it closes.</para>
/// <para>Never consulted on the ordinary send path: only where a message would become a dead letter
/// because its recipient finished, and once when the mailbox closes.</para>
/// </summary>
/// <typeparam name="TMessage">The instance's messages.</typeparam>
internal abstract class MailboxHandoff<TMessage>
{
    /// <summary>A message still queued when the instance closed; false sends it to dead letters.</summary>
    public abstract bool TakeQueued(in Envelope<TMessage> envelope);

    /// <summary>After the last <see cref="TakeQueued"/> (also when nothing was queued).</summary>
    public abstract void Drained();

    /// <summary>A message posted after the mailbox closed; false sends it to dead letters.</summary>
    public abstract bool TakeLate(in Envelope<TMessage> envelope);

    /// <summary>The handler threw while handling <paramref name="message"/>; the instance is about to close Failed.</summary>
    public abstract void Failed(TMessage message);
}
