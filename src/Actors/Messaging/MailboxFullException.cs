namespace Actors;

/// <summary>A bounded mailbox had no room and its <see cref="MailboxFullMode"/> says the send fails.</summary>
public sealed class MailboxFullException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The recipient's path.</param>
    /// <param name="capacity">The mailbox capacity.</param>
    public MailboxFullException(string path, int capacity)
        : base($"The mailbox of {path} is full ({capacity} messages). Use SendAsync to wait for room, raise MailboxOptions.Capacity, or choose a drop mode.")
    {
        Path = path;
        Capacity = capacity;
    }

    /// <summary>The recipient's path.</summary>
    public string Path { get; }

    /// <summary>The mailbox capacity.</summary>
    public int Capacity { get; }
}
