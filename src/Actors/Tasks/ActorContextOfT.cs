using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Actors.Internal;

namespace Actors;

/// <summary>The context of a task with a mailbox of <typeparamref name="TMessage"/>.</summary>
/// <typeparam name="TMessage">The messages the task receives.</typeparam>
public sealed class ActorContext<TMessage> : ActorContext
{
    private readonly IMailboxOwner<TMessage> _owner;   // the cell; immutable

    // Kept here rather than on the cell, so an actor that never ran stays small.
    internal object? Current;                          // meta of the message being handled; owned by the turn or the body
    internal long Handled;                             // messages handled; written only by the turn's holder, read racily by snapshots
    internal object? Body { get; init; }               // a process's body (its delegate); null for a handler actor

    internal ActorContext(ActorTask self, IMailboxOwner<TMessage> owner) : base(self) => _owner = owner;

    /// <summary>A reference to this task, to hand to others for replies.</summary>
    public IActorRef<TMessage> SelfRef => (IActorRef<TMessage>)Self;

    /// <summary>Timers owned by this task that send it messages; all stop when the task finishes.</summary>
    public ActorTimers<TMessage> Timers => _owner.Timers;

    /// <summary>Takes the next message (process bodies only; a handler actor receives through its handler).</summary>
    /// <param name="cancellationToken">Stops the waiting; the task's own <see cref="ActorContext.Cancellation"/> always does.</param>
    /// <returns>The next message, in arrival order.</returns>
    /// <exception cref="System.Threading.Channels.ChannelClosedException">The mailbox was completed and is empty.</exception>
    /// <exception cref="OperationCanceledException">The task was stopped or the token cancelled.</exception>
    /// <exception cref="InvalidOperationException">Called from a handler actor.</exception>
    public ValueTask<TMessage> ReceiveAsync(CancellationToken cancellationToken = default) => _owner.ReceiveAsync(cancellationToken);

    /// <summary>Takes the next message if one is queued (process bodies only).</summary>
    /// <param name="message">The message, if any.</param>
    /// <returns>True if a message was taken.</returns>
    public bool TryReceive([MaybeNullWhen(false)] out TMessage message) => _owner.TryReceive(out message);

    /// <summary>Yields messages until the mailbox is completed or the task stops (process bodies only).</summary>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The messages in arrival order.</returns>
    public async IAsyncEnumerable<TMessage> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            TMessage message;
            try { message = await _owner.ReceiveAsync(cancellationToken).ConfigureAwait(false); }
            catch (System.Threading.Channels.ChannelClosedException) { yield break; }
            yield return message;
        }
    }
}
