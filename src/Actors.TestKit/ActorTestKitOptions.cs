using Microsoft.Extensions.Logging;

namespace Actors.Testing;

/// <summary>Settings of an <see cref="ActorTestKit"/>.</summary>
public sealed class ActorTestKitOptions
{
    /// <summary>Where the system takes its time from.</summary>
    /// <value><see cref="TestClock.Fake"/>.</value>
    public TestClock Clock { get; set; } = TestClock.Fake;

    /// <summary>The fake clock's starting time (with <see cref="TestClock.Fake"/>).</summary>
    /// <value>Null: the fake clock's own default (2000-01-01 UTC).</value>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Default bound of the kit's waits and of its probes' expectations.</summary>
    /// <value>Null: <see cref="TestKitDefaults.Timeout"/> (30 seconds).</value>
    public TimeSpan? Timeout { get; set; }

    /// <summary>The lowest log level captured in <see cref="ActorTestKit.Logs"/>.</summary>
    /// <value><see cref="LogLevel.Trace"/>: everything.</value>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Trace;
}
