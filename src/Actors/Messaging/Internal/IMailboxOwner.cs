using System.Diagnostics.CodeAnalysis;

namespace Actors.Internal;

/// <summary>What a context needs from its cell to receive and to run timers.</summary>
internal interface IMailboxOwner<TMessage>
{
    ActorTimers<TMessage> Timers { get; }

    ValueTask<TMessage> ReceiveAsync(CancellationToken cancellationToken);

    bool TryReceive([MaybeNullWhen(false)] out TMessage message);

    /// <summary>Posts a message that is dropped unhandled if withdrawn while queued; false if the task is finished or the mailbox refused it.</summary>
    bool PostConditional(TMessage message, ConditionalMeta meta);
}
