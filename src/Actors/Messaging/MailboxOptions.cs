namespace Actors;

/// <summary>How a task's mailbox queues messages.</summary>
public sealed class MailboxOptions
{
    /// <summary>Unbounded, the default.</summary>
    public static MailboxOptions Unbounded { get; } = new();

    /// <summary>Maximum queued messages, or null for no bound.</summary>
    /// <value>null (unbounded).</value>
    public int? Capacity { get; init; }

    /// <summary>What a full bounded mailbox does with a new message.</summary>
    /// <value><see cref="MailboxFullMode.Wait"/>.</value>
    public MailboxFullMode FullMode { get; init; } = MailboxFullMode.Wait;

    /// <summary>Creates bounded options.</summary>
    /// <param name="capacity">At least 1.</param>
    /// <param name="fullMode">What happens when full.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below 1.</exception>
    public static MailboxOptions Bounded(int capacity, MailboxFullMode fullMode = MailboxFullMode.Wait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return new MailboxOptions { Capacity = capacity, FullMode = fullMode };
    }

    internal void Validate()
    {
        if (Capacity is < 1)
            throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, "A mailbox capacity must be at least 1; use null for an unbounded mailbox.");
        if (!Enum.IsDefined(FullMode))
            throw new ArgumentOutOfRangeException(nameof(FullMode), FullMode, "Use one of the MailboxFullMode values.");
    }
}
