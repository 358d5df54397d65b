namespace Actors.Internal;

/// <summary>One thread's <see cref="RunNext"/> slot, and what the watchdog saw of it at its last tick.</summary>
internal sealed class RunNextSlot
{
    /// <summary>The parked actor (it holds <c>Scheduled</c>), or null. Taken with Interlocked by the owner thread or the watchdog, so exactly one of them runs it.</summary>
    public IInlineTurn? Parked;

    /// <summary>Parks so far; written by the owner thread only, read racily by the watchdog.</summary>
    public long Parks;

    /// <summary>The watchdog's view at its last tick; the watchdog's only, under its lock.</summary>
    public IInlineTurn? SeenParked;

    /// <inheritdoc cref="SeenParked"/>
    public long SeenParks;
}
