using Actors.Internal;

namespace Actors;

/// <summary>
/// Messages that were never handled: counted always, and handed to subscribers when there are any.
/// Subscribers run on the sender's thread and must be quick; one that throws is logged and kept.
/// </summary>
public sealed partial class DeadLetters
{
    private readonly ActorSystem _system;                    // immutable
    private Action<DeadLetter>[] _subscribers = [];          // copy-on-write (Interlocked)
    private long _count;                                     // Interlocked

    internal DeadLetters(ActorSystem system) => _system = system;

    /// <summary>How many messages became dead letters since the system started.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Receives every later dead letter until the returned handle is disposed.</summary>
    /// <param name="subscriber">Called once per dead letter.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable Subscribe(Action<DeadLetter> subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        Update(list => [.. list, subscriber]);
        return new Subscription(this, subscriber);
    }

    internal void Publish<TMessage>(ActorTask recipient, TMessage message, DeadLetterReason reason)
    {
        Interlocked.Increment(ref _count);
        _system.Diagnostics.DeadLettered(recipient, reason);
        var subscribers = Volatile.Read(ref _subscribers);
        if (subscribers.Length == 0) return;
        var letter = new DeadLetter(recipient, message, reason);
        foreach (var subscriber in subscribers)
        {
            try { subscriber(letter); }
            catch (Exception ex) { MessagingLog.DeadLetterSubscriberThrew(_system.MessagingLogger, recipient.Path, ex); }
        }
    }

    private void Update(Func<Action<DeadLetter>[], Action<DeadLetter>[]> change)
    {
        while (true)
        {
            var current = Volatile.Read(ref _subscribers);
            if (Interlocked.CompareExchange(ref _subscribers, change(current), current) == current) return;
        }
    }

    private sealed class Subscription(DeadLetters owner, Action<DeadLetter> subscriber) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                owner.Update(list => Array.FindAll(list, s => !ReferenceEquals(s, subscriber)));
        }
    }
}
