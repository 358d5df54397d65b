namespace Actors.Tests;

/// <summary>
/// The project's usual system for one test: the test kit's <see cref="ActorTestKit"/> on the real clock
/// (tests that fake time pass their own provider), logs captured, stopped at the end.
/// </summary>
public sealed class TestSystem : IAsyncDisposable
{
    public static TimeSpan Bound => TestKitDefaults.Timeout;

    public TestSystem(Action<ActorSystemOptions>? configure = null) =>
        Kit = new ActorTestKit(configure, new ActorTestKitOptions { Clock = TestClock.System });

    public ActorTestKit Kit { get; }

    public ActorSystem System => Kit.System;

    /// <summary>The log lines so far (a copy).</summary>
    public IReadOnlyList<CapturedLogEntry> Logs => Kit.Logs.Entries;

    public ValueTask DisposeAsync() => Kit.DisposeAsync();
}
