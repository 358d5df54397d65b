namespace Actors.Supervision;

/// <summary>How a supervisor treats its children. Validated when the supervisor starts.</summary>
public sealed class SupervisorOptions
{
    /// <summary>Which children restart together.</summary>
    /// <value><see cref="SupervisionStrategy.OneForOne"/>.</value>
    public SupervisionStrategy Strategy { get; init; }

    /// <summary>Restarts allowed within <see cref="Window"/>; one more and the supervisor stops its children and fails.</summary>
    /// <value>3.</value>
    public int MaxRestarts { get; init; } = 3;

    /// <summary>The sliding window for <see cref="MaxRestarts"/>.</summary>
    /// <value>5 seconds.</value>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Maps a child's exception to a directive.</summary>
    /// <value>Always <see cref="SupervisorDirective.Restart"/>.</value>
    public Func<Exception, SupervisorDirective> Decider { get; init; } = static _ => SupervisorDirective.Restart;

    /// <summary>Whether significant children ending on their own end the supervisor.</summary>
    /// <value><see cref="AutoShutdown.Never"/>.</value>
    public AutoShutdown AutoShutdown { get; init; }

    /// <summary>Delays between restarts, for children whose spec names none.</summary>
    /// <value><see cref="RestartBackoff.None"/>.</value>
    public RestartBackoff Backoff { get; init; } = RestartBackoff.None;

    /// <summary>Children in start order.</summary>
    /// <value>Empty.</value>
    public IReadOnlyList<ChildSpec> Children { get; init; } = [];

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRestarts, nameof(MaxRestarts));
        if (Window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Window), Window, "The restart window must be positive.");
        if (!Enum.IsDefined(Strategy)) throw new ArgumentOutOfRangeException(nameof(Strategy), Strategy, "Use a SupervisionStrategy value.");
        if (!Enum.IsDefined(AutoShutdown)) throw new ArgumentOutOfRangeException(nameof(AutoShutdown), AutoShutdown, "Use an AutoShutdown value.");
        ArgumentNullException.ThrowIfNull(Decider, nameof(Decider));
        ArgumentNullException.ThrowIfNull(Backoff, nameof(Backoff));
        ArgumentNullException.ThrowIfNull(Children, nameof(Children));
        Backoff.Validate("Supervisor");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in Children)
        {
            ArgumentNullException.ThrowIfNull(child, nameof(Children));
            child.Validate();
            if (!ids.Add(child.Id))
                throw new ArgumentException($"Two children share the id '{child.Id}'; every child needs its own id.", nameof(Children));
        }
    }
}
