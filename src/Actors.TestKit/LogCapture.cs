using System.Collections.Concurrent;
using Actors.Testing.Internal;
using Microsoft.Extensions.Logging;

namespace Actors.Testing;

/// <summary>
/// Records log lines for a test: level, category, event id, message, exception and structured state.
/// It is both an <see cref="ILoggerFactory"/> (give it to whatever takes one, such as the system's
/// options) and an <see cref="ILoggerProvider"/> (add it to a host's logging builder). Providers added
/// with <see cref="AddProvider"/> receive every line too, so a test can still print them.
/// </summary>
/// <param name="minimumLevel">The lowest level recorded; <see cref="ILogger.IsEnabled"/> is false below it.</param>
/// <param name="timeout">Default bound of the waits; null takes <see cref="TestKitDefaults.Timeout"/>.</param>
public sealed class LogCapture(LogLevel minimumLevel = LogLevel.Trace, TimeSpan? timeout = null) : ILoggerFactory, ILoggerProvider
{
    private readonly EventRecorder<CapturedLogEntry> _entries = new(timeout);         // every line recorded
    private readonly ConcurrentDictionary<string, CaptureLogger> _loggers = new();   // one per category
    private ILoggerProvider[] _providers = [];                                        // copy-on-write, Interlocked

    /// <summary>The lowest level recorded (and reported enabled).</summary>
    /// <value>Set by the constructor; <see cref="LogLevel.Trace"/> (everything) by default.</value>
    public LogLevel MinimumLevel { get; set; } = minimumLevel;

    /// <summary>A copy of the lines so far, in order.</summary>
    public IReadOnlyList<CapturedLogEntry> Entries => _entries.Items;

    internal ILoggerProvider[] Providers => Volatile.Read(ref _providers);

    /// <summary>Forgets the lines so far.</summary>
    public void Clear() => _entries.Clear();

    /// <summary>Waits until a line matching <paramref name="match"/> has been logged (earlier lines count).</summary>
    /// <param name="match">Selects the line.</param>
    /// <param name="description">What the test waits for, for the failure message.</param>
    /// <param name="timeout">Bound of the wait; null takes the capture's default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The first matching line.</returns>
    /// <exception cref="ActorAssertionException">No such line within the bound; the message lists the lines logged.</exception>
    public Task<CapturedLogEntry> WaitForAsync(Func<CapturedLogEntry, bool> match, string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _entries.WaitForAsync(match, description ?? "a matching log line", timeout, cancellationToken);

    /// <summary>Waits until <paramref name="condition"/> holds over all lines so far (for counts and orders).</summary>
    /// <param name="condition">Evaluated on a copy of the lines after each new one.</param>
    /// <param name="description">What the test waits for, for the failure message.</param>
    /// <param name="timeout">Bound of the wait; null takes the capture's default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Completes when the condition holds.</returns>
    /// <exception cref="ActorAssertionException">The condition did not hold within the bound; the message lists the lines logged.</exception>
    public Task WaitUntilAsync(Func<IReadOnlyList<CapturedLogEntry>, bool> condition, string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _entries.WaitUntilAsync(condition, description, timeout, cancellationToken);

    /// <summary>A logger whose lines this capture records.</summary>
    /// <param name="categoryName">The category.</param>
    /// <returns>The logger (one per category).</returns>
    public ILogger CreateLogger(string categoryName)
    {
        ArgumentNullException.ThrowIfNull(categoryName);
        return _loggers.GetOrAdd(categoryName, static (name, owner) => new CaptureLogger(owner, name), this);
    }

    /// <summary>Sends every later line to <paramref name="provider"/> as well.</summary>
    /// <param name="provider">Another provider, such as one writing to the test's output.</param>
    public void AddProvider(ILoggerProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        while (true)
        {
            var current = Providers;
            if (Interlocked.CompareExchange(ref _providers, [.. current, provider], current) == current) return;
        }
    }

    /// <summary>Records a line directly (for adapters from other log shapes).</summary>
    /// <param name="entry">The line.</param>
    public void Record(CapturedLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries.Add(entry);
    }

    /// <summary>Nothing to release; the lines stay readable.</summary>
    public void Dispose() { }
}
