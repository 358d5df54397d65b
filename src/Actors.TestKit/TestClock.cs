namespace Actors.Testing;

/// <summary>Where an <see cref="ActorTestKit"/>'s system takes its time from.</summary>
public enum TestClock
{
    /// <summary>A <see cref="TestTimeProvider"/> (a fake clock) the test advances: timers, timeouts and ages move only when told.</summary>
    Fake,

    /// <summary>The real clock (<see cref="TimeProvider.System"/>), for tests of real delays and deadlines.</summary>
    System,
}
