using Actors.Testing.Internal;

namespace Actors.Testing;

/// <summary>
/// An ordered, thread-safe record of events (what actors did, as the test sees it), with bounded waits
/// for an event or a condition over all of them. Nothing is consumed: every wait sees every event so far.
/// </summary>
/// <typeparam name="T">The recorded events.</typeparam>
/// <param name="timeout">Default bound of the waits; null takes <see cref="TestKitDefaults.Timeout"/>.</param>
public sealed class EventRecorder<T>(TimeSpan? timeout = null)
{
    private readonly Lock _sync = new();                  // guards _items and _changed
    private readonly List<T> _items = [];                 // every event, in order of Add
    private readonly ChangeSignal _changed = new();       // fired after each Add and Clear
    private readonly TimeSpan? _timeout = timeout is { } t ? TestKitDefaults.Positive(t, nameof(timeout)) : null;

    /// <summary>A copy of the events so far, in order.</summary>
    public IReadOnlyList<T> Items
    {
        get { lock (_sync) return [.. _items]; }
    }

    /// <summary>How many events were recorded.</summary>
    public int Count
    {
        get { lock (_sync) return _items.Count; }
    }

    /// <summary>Records an event and wakes the waits.</summary>
    /// <param name="item">The event.</param>
    public void Add(T item)
    {
        TaskCompletionSource fired;
        lock (_sync)
        {
            _items.Add(item);
            fired = _changed.Take();
        }
        fired.TrySetResult();
    }

    /// <summary>Forgets the events so far.</summary>
    public void Clear()
    {
        TaskCompletionSource fired;
        lock (_sync)
        {
            _items.Clear();
            fired = _changed.Take();
        }
        fired.TrySetResult();
    }

    /// <summary>How many events so far match <paramref name="match"/>.</summary>
    /// <param name="match">Selects events.</param>
    /// <returns>The count.</returns>
    public int CountOf(Func<T, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return Items.Count(match);
    }

    /// <summary>How many times <paramref name="item"/> was recorded (compared with <see cref="EqualityComparer{T}.Default"/>).</summary>
    /// <param name="item">The event.</param>
    /// <returns>The count.</returns>
    public int CountOf(T item) => CountOf(e => EqualityComparer<T>.Default.Equals(e, item));

    /// <summary>Waits until <paramref name="item"/> has been recorded at least <paramref name="times"/> times (earlier ones count).</summary>
    /// <param name="item">The event (compared with <see cref="EqualityComparer{T}.Default"/>).</param>
    /// <param name="times">How many times.</param>
    /// <param name="timeout">Bound of the wait; null takes the recorder's default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Completes when the event has been recorded that often.</returns>
    /// <exception cref="ActorAssertionException">Not within the bound; the message lists the events seen.</exception>
    public Task WaitForAsync(T item, int times = 1, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        return WaitUntilAsync(items => items.Count(e => EqualityComparer<T>.Default.Equals(e, item)) >= times,
            $"{Describe.Value(item)}{(times == 1 ? "" : $" {times} times")}", timeout, cancellationToken);
    }

    /// <summary>Waits until an event matching <paramref name="match"/> has been recorded (earlier ones count).</summary>
    /// <param name="match">Selects the event.</param>
    /// <param name="description">What the test waits for, for the failure message.</param>
    /// <param name="timeout">Bound of the wait; null takes the recorder's default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The first matching event.</returns>
    /// <exception cref="ActorAssertionException">No such event within the bound; the message lists the events seen.</exception>
    public async Task<T> WaitForAsync(Func<T, bool> match, string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        T found = default!;
        await WaitUntilAsync(items =>
        {
            foreach (var item in items)
                if (match(item)) { found = item; return true; }
            return false;
        }, description ?? "a matching event", timeout, cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>Waits until <paramref name="condition"/> holds over all events so far.</summary>
    /// <param name="condition">Evaluated on a copy of the events, after each new one; never under a lock.</param>
    /// <param name="description">What the test waits for, for the failure message.</param>
    /// <param name="timeout">Bound of the wait; null takes the recorder's default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Completes when the condition holds.</returns>
    /// <exception cref="ActorAssertionException">The condition did not hold within the bound; the message lists the events seen.</exception>
    public async Task WaitUntilAsync(Func<IReadOnlyList<T>, bool> condition, string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = new Deadline(timeout ?? _timeout ?? TestKitDefaults.Timeout, cancellationToken);
        while (true)
        {
            T[] items;
            Task next;
            lock (_sync)
            {
                items = [.. _items];
                next = _changed.Next;
            }
            if (condition(items)) return;
            if (!await deadline.WaitAsync(next).ConfigureAwait(false))
                throw new ActorAssertionException(
                    $"Timed out after {Describe.Time(deadline.Bound)} waiting for {description ?? "the condition"}. Recorded {Count} event(s):{Describe.List(Items, e => Describe.Value(e))}");
        }
    }
}
