namespace Actors;

/// <summary>How one task is spawned. Immutable once passed; share one instance across spawns.</summary>
public sealed class SpawnOptions
{
    /// <summary>All defaults.</summary>
    public static SpawnOptions Default { get; } = new();

    /// <summary>
    /// The task's name under its parent, making its path <c>/parent/name</c>. Null gives an anonymous
    /// task whose path segment is <c>$id</c>. Names may not be blank, contain '/', or start with '$'.
    /// </summary>
    /// <value>null.</value>
    public string? Name { get; init; }

    /// <summary>Free text shown by introspection next to the path (for example "connection 10.0.0.7:5123").</summary>
    /// <value>null.</value>
    public string? Label { get; init; }

    /// <summary>
    /// Groups the task's metrics under the tag <c>actors.task.label</c> (for example "connection" or
    /// "channel"). Use a small fixed set of values, never per-instance data such as an address or an id:
    /// each distinct value is a separate series. Past 100 distinct values per system, further ones are
    /// reported as <c>_overflow</c>. Null reports the task under its body kind only.
    /// </summary>
    /// <value>null.</value>
    public string? MetricLabel { get; init; }

    /// <summary>Whether the task keeps its parent and the system alive.</summary>
    /// <value><see cref="ActorLifetime.Normal"/>.</value>
    public ActorLifetime Lifetime { get; init; }

    /// <summary>
    /// Deadline for a process body's whole run, or for a handler actor's handling of each message.
    /// Null takes <see cref="ActorSystemOptions.TaskTimeout"/>; <see cref="Timeout.InfiniteTimeSpan"/> means none;
    /// at most about 49.7 days (a timer's limit), else the spawn throws <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    /// <value>null.</value>
    public TimeSpan? Timeout { get; init; }

    /// <summary>What happens if a task of the same name runs under the same parent.</summary>
    /// <value><see cref="NameConflictPolicy.FailOlder"/>.</value>
    public NameConflictPolicy NameConflict { get; init; }

    /// <summary>When the task begins.</summary>
    /// <value><see cref="StartMode.Immediate"/>.</value>
    public StartMode Start { get; init; }

    /// <summary>Mailbox bounds.</summary>
    /// <value><see cref="MailboxOptions.Unbounded"/>.</value>
    public MailboxOptions Mailbox { get; init; } = MailboxOptions.Unbounded;

    /// <summary>Told when each child of this task finishes; supervisors set it. Null keeps the kernel's default (log failures nobody observed).</summary>
    /// <value>null.</value>
    public IChildExitHandler? ChildExitHandler { get; init; }

    /// <summary>
    /// Consulted when a handler throws: true skips the message (the asker still gets the exception, a
    /// Warning is logged) and the actor goes on with the next one; false or null fails the actor.
    /// Supervisors set it from their decider's Resume directive.
    /// </summary>
    /// <value>null.</value>
    public Func<Exception, bool>? ResumeOn { get; init; }

    /// <summary>
    /// Runs when a stop reaches the task, before the kernel stops its children: supervisors use it to
    /// stop their children in their own order, each within its shutdown timeout. Children still
    /// running when it completes are then stopped by the kernel as usual.
    /// </summary>
    /// <value>null.</value>
    public Func<StopCause, Task>? OnStop { get; init; }

    /// <summary>Takes the messages an instance could not deliver once finished (a <c>MailboxHandoff</c> of its message type); set by supervisors for stable child references.</summary>
    internal object? Handoff { get; init; }

    /// <summary>Creates options with every default.</summary>
    public SpawnOptions() { }

    /// <summary>Copies <paramref name="other"/>; change the copy with an object initializer.</summary>
    /// <param name="other">The options to copy.</param>
    public SpawnOptions(SpawnOptions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Name = other.Name;
        Label = other.Label;
        MetricLabel = other.MetricLabel;
        Lifetime = other.Lifetime;
        Timeout = other.Timeout;
        NameConflict = other.NameConflict;
        Start = other.Start;
        Mailbox = other.Mailbox;
        ChildExitHandler = other.ChildExitHandler;
        ResumeOn = other.ResumeOn;
        OnStop = other.OnStop;
        Handoff = other.Handoff;
    }

    /// <summary>Returns a copy with <see cref="Name"/> set.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The copy.</returns>
    public SpawnOptions WithName(string? name) => new(this) { Name = name };

    internal void Validate()
    {
        if (Name is not null) ActorPath.ValidateName(Name);
        if (MetricLabel is not null && string.IsNullOrWhiteSpace(MetricLabel))
            throw new ArgumentException("A metric label may not be blank; pass null for none.", nameof(MetricLabel));
        if (Timeout is { } t) Internal.TimerLimit.ValidateTimeout(t, nameof(Timeout));
        if (!Enum.IsDefined(Lifetime)) throw new ArgumentOutOfRangeException(nameof(Lifetime), Lifetime, "Use one of the ActorLifetime values.");
        if (!Enum.IsDefined(NameConflict)) throw new ArgumentOutOfRangeException(nameof(NameConflict), NameConflict, "Use one of the NameConflictPolicy values.");
        if (!Enum.IsDefined(Start)) throw new ArgumentOutOfRangeException(nameof(Start), Start, "Use one of the StartMode values.");
        ArgumentNullException.ThrowIfNull(Mailbox, nameof(Mailbox));
        Mailbox.Validate();
    }
}
