namespace Actors;

/// <summary>
/// Why a task was stopped. One instance travels down a stop cascade, so every stopped descendant sees
/// the cause of the stop that reached it (<see cref="ActorContext.StopCause"/>, <see cref="ActorStoppedException.Cause"/>).
/// </summary>
public sealed class StopCause
{
    /// <summary>Creates a cause.</summary>
    /// <param name="reason">Words that say why, shown in logs and introspection.</param>
    /// <param name="source">Path of the task the stop was aimed at, if known.</param>
    /// <param name="exception">The failure that led to the stop, if any.</param>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is null or blank.</exception>
    public StopCause(string reason, string? source = null, Exception? exception = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Reason = reason;
        Source = source;
        Exception = exception;
    }

    /// <summary>Why, in words.</summary>
    public string Reason { get; }

    /// <summary>Path of the task the stop was aimed at; descendants stopped by the cascade see their ancestor's path here.</summary>
    public string? Source { get; }

    /// <summary>The failure behind the stop, if any (a deadline, a name overlap, a sibling's failure).</summary>
    public Exception? Exception { get; }

    /// <summary>The cause used when a stop gives none.</summary>
    public static StopCause Requested { get; } = new("stop requested");

    /// <inheritdoc/>
    public override string ToString() => Source is null ? Reason : $"{Reason} (at {Source})";
}
