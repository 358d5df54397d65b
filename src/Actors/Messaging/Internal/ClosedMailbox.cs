using System.Threading.Channels;

namespace Actors.Internal;

/// <summary>A completed, empty mailbox shared by every task of one message type that finished before it had a mailbox.</summary>
internal static class ClosedMailbox<T>
{
    /// <summary>Refuses every write; reads find it empty and completed.</summary>
    public static readonly Channel<T> Instance = Create();

    private static CompactChannel<T> Create()
    {
        var channel = new CompactChannel<T>();
        channel.Writer.TryComplete();
        return channel;
    }
}
