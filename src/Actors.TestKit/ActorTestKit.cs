using Actors.Testing.Internal;

namespace Actors.Testing;

/// <summary>
/// An actor system for one test: on a fake clock by default, its log lines captured in <see cref="Logs"/>,
/// its dead letters in <see cref="DeadLetters"/>, probes at hand, and stopped (within a bound) when
/// disposed. Use one per test: <c>await using var kit = new ActorTestKit();</c>.
/// </summary>
public sealed class ActorTestKit : IAsyncDisposable
{
    private readonly TimeSpan _timeout;   // default bound of the kit's waits; immutable

    /// <summary>Creates the system.</summary>
    /// <param name="configureSystem">Adjusts the system's options after the kit has set its clock and log capture (a clock or logger factory set here wins; then <see cref="Time"/> or <see cref="Logs"/> does not see the system).</param>
    /// <param name="options">The kit's own settings; null takes the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message says which).</exception>
    public ActorTestKit(Action<ActorSystemOptions>? configureSystem = null, ActorTestKitOptions? options = null)
    {
        options ??= new ActorTestKitOptions();
        _timeout = TestKitDefaults.Positive(options.Timeout ?? TestKitDefaults.Timeout, nameof(options.Timeout));
        Logs = new LogCapture(options.MinimumLogLevel, _timeout);
        var systemOptions = new ActorSystemOptions
        {
            TimeProvider = options.Clock switch
            {
                TestClock.Fake => options.StartTime is { } start ? new TestTimeProvider(start) : new TestTimeProvider(),
                TestClock.System => TimeProvider.System,
                _ => throw new ArgumentOutOfRangeException(nameof(options), options.Clock, "Clock must be TestClock.Fake or TestClock.System."),
            },
            LoggerFactory = Logs,
        };
        configureSystem?.Invoke(systemOptions);
        System = new ActorSystem(systemOptions);
        DeadLetters = new DeadLetterCapture(System, _timeout);
    }

    /// <summary>The system under test.</summary>
    public ActorSystem System { get; }

    /// <summary>The fake clock the system runs on: wait for a timer to be armed, then advance it to fire timers and deadlines.</summary>
    /// <exception cref="InvalidOperationException">The system runs on another clock (create the kit with <see cref="TestClock.Fake"/>, or use your own reference to the clock you gave it).</exception>
    public TestTimeProvider Time => System.Options.TimeProvider as TestTimeProvider
        ?? throw new InvalidOperationException("This kit's system does not run on the kit's fake clock; create the kit with ActorTestKitOptions.Clock = TestClock.Fake (and set no TimeProvider of your own) to control time through kit.Time.");

    /// <summary>Every log line of the system since it was created.</summary>
    public LogCapture Logs { get; }

    /// <summary>Every dead letter of the system since it was created.</summary>
    public DeadLetterCapture DeadLetters { get; }

    /// <summary>Default bound of the kit's waits and of its probes' expectations.</summary>
    public TimeSpan Timeout => _timeout;

    /// <summary>Starts a probe under the system's root, with the kit's default bound.</summary>
    /// <typeparam name="TMessage">The messages it accepts.</typeparam>
    /// <param name="name">Optional name (path <c>/name</c>).</param>
    /// <returns>The probe.</returns>
    public TestProbe<TMessage> CreateProbe<TMessage>(string? name = null) => new(System, name, _timeout);

    /// <summary>Waits until the tree has the shape <paramref name="shape"/> describes; see <see cref="TestWaits.WaitForTreeAsync"/>.</summary>
    /// <param name="shape">True when the snapshot shows what the test waits for.</param>
    /// <param name="description">What the test waits for, for the failure message.</param>
    /// <param name="timeout">Bound of the wait; null takes the kit's default.</param>
    /// <returns>The first snapshot that has the shape.</returns>
    /// <exception cref="ActorAssertionException">The tree did not take the shape within the bound; the message draws the last snapshot.</exception>
    public Task<ActorTreeSnapshot> WaitForTreeAsync(Func<ActorTreeSnapshot, bool> shape, string? description = null, TimeSpan? timeout = null) =>
        System.WaitForTreeAsync(shape, description, timeout ?? _timeout);

    /// <summary>Stops the system (within the kit's bound) and stops recording dead letters.</summary>
    /// <returns>Completes when the system has stopped.</returns>
    /// <exception cref="ActorAssertionException">The system did not stop within the bound; the message draws what still runs.</exception>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await System.StopAsync().WithinAsync("the system to stop", _timeout).ConfigureAwait(false);
        }
        catch (ActorAssertionException)
        {
            throw new ActorAssertionException($"The test's actor system did not stop within {Describe.Time(_timeout)}. Still there:{Describe.Tree(System.Snapshot())}");
        }
        finally
        {
            DeadLetters.Dispose();
        }
    }
}
