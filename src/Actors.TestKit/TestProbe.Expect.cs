using Actors.Testing.Internal;

namespace Actors.Testing;

public sealed partial class TestProbe<TMessage>
{
    /// <summary>Takes the next message, waiting for it.</summary>
    /// <param name="timeout">Bound of the wait; null takes the probe's default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ActorAssertionException">No message within the bound.</exception>
    public Task<TMessage> ExpectAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ExpectCoreAsync<TMessage>(static _ => true, "any message", timeout, cancellationToken);

    /// <summary>Takes the next message and checks that it equals <paramref name="expected"/>.</summary>
    /// <param name="expected">The message expected next (compared with <see cref="EqualityComparer{T}.Default"/>).</param>
    /// <param name="timeout">Bound of the wait; null takes the probe's default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ActorAssertionException">No message within the bound, or the next one differs (the message shows it).</exception>
    public Task<TMessage> ExpectAsync(TMessage expected, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ExpectCoreAsync<TMessage>(m => EqualityComparer<TMessage>.Default.Equals(m, expected), Describe.Value(expected), timeout, cancellationToken);

    /// <summary>Takes the next message and checks it with <paramref name="match"/>.</summary>
    /// <param name="match">What the next message must satisfy.</param>
    /// <param name="description">What is expected, for the failure message.</param>
    /// <param name="timeout">Bound of the wait; null takes the probe's default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ActorAssertionException">No message within the bound, or the next one does not match (the message shows it).</exception>
    public Task<TMessage> ExpectAsync(Func<TMessage, bool> match, string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        return ExpectCoreAsync(match, description ?? "a message matching the predicate", timeout, cancellationToken);
    }

    /// <summary>Takes the next message and checks that it is a <typeparamref name="TExpected"/> (and matches, if given).</summary>
    /// <typeparam name="TExpected">The type the next message must have.</typeparam>
    /// <param name="match">What it must also satisfy; null accepts any.</param>
    /// <param name="description">What is expected, for the failure message.</param>
    /// <param name="timeout">Bound of the wait; null takes the probe's default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ActorAssertionException">No message within the bound, or the next one is of another type or does not match.</exception>
    public Task<TExpected> ExpectAsync<TExpected>(Func<TExpected, bool>? match = null, string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TExpected : TMessage =>
        ExpectCoreAsync(match ?? (static _ => true), description ?? Of<TExpected>(match), timeout, cancellationToken);

    /// <summary>Takes the next <paramref name="count"/> messages, whatever they are.</summary>
    /// <param name="count">How many.</param>
    /// <param name="timeout">Bound of the whole wait; null takes the probe's default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The messages, in arrival order.</returns>
    /// <exception cref="ActorAssertionException">Fewer arrived within the bound (the message lists those that did).</exception>
    public async Task<IReadOnlyList<TMessage>> ExpectManyAsync(int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        using var deadline = NewDeadline(timeout, cancellationToken);
        var taken = new List<TMessage>(count);
        while (taken.Count < count)
        {
            var (ok, message) = await TakeAsync(deadline).ConfigureAwait(false);
            if (!ok)
                throw new ActorAssertionException(
                    $"Timed out after {Describe.Time(deadline.Bound)} waiting for {count} messages at {Path}; {taken.Count} arrived:{Describe.List(taken, m => Describe.Value(m))}");
            taken.Add(message);
        }
        return taken;
    }

    /// <summary>Checks that no message arrives for <paramref name="duration"/> (and none is pending).</summary>
    /// <param name="duration">How long to watch; null takes <see cref="TestKitDefaults.NoMessageWait"/>. The call always takes this long when it passes.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Completes when the duration passed quietly.</returns>
    /// <exception cref="ActorAssertionException">A message arrived (the message shows it).</exception>
    public async Task ExpectNoMessageAsync(TimeSpan? duration = null, CancellationToken cancellationToken = default)
    {
        using var deadline = new Deadline(TestKitDefaults.Positive(duration ?? TestKitDefaults.NoMessageWait, nameof(duration)), cancellationToken);
        var (arrived, message) = await TakeAsync(deadline).ConfigureAwait(false);
        if (arrived)
            throw new ActorAssertionException($"Expected no message at {Path} for {Describe.Time(deadline.Bound)}, but got {Describe.Value(message)}.{PendingNote()}");
    }

    private async Task<TExpected> ExpectCoreAsync<TExpected>(Func<TExpected, bool> match, string description, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using var deadline = NewDeadline(timeout, cancellationToken);
        var (ok, message) = await TakeAsync(deadline).ConfigureAwait(false);
        if (!ok)
            throw new ActorAssertionException($"Timed out after {Describe.Time(deadline.Bound)} waiting for {description} at {Path}; no message arrived.");
        if (message is TExpected typed && match(typed)) return typed;
        throw new ActorAssertionException($"Expected {description} at {Path}, but the next message was {Describe.Value(message)}.{PendingNote()}");
    }

    /// <summary>Takes the next message, waiting until the deadline; false if none came.</summary>
    private async Task<(bool Ok, TMessage Message)> TakeAsync(Deadline deadline)
    {
        while (true)
        {
            ThrowIfAutoPilotFailed();
            Task next;
            lock (_sync)
            {
                if (_pending.TryDequeue(out var message)) return (true, message);
                next = _arrived.Next;
            }
            if (!await deadline.WaitAsync(next).ConfigureAwait(false)) return (false, default!);
        }
    }

    private void ThrowIfAutoPilotFailed()
    {
        if (Interlocked.Exchange(ref _autoPilotFailure, null) is { } failure)
            throw new ActorAssertionException($"The auto-pilot of {Path} threw: {failure.Message}", failure);
    }

    private Deadline NewDeadline(TimeSpan? timeout, CancellationToken cancellationToken) =>
        new(TestKitDefaults.Positive(timeout ?? _timeout ?? TestKitDefaults.Timeout, nameof(timeout)), cancellationToken);

    private string PendingNote()
    {
        var pending = Pending;
        return pending.Count == 0 ? "" : $" Also pending:{Describe.List(pending, m => Describe.Value(m))}";
    }

    private static string Of<TExpected>(Delegate? match) =>
        $"a message of type {typeof(TExpected).Name}{(match is null ? "" : " matching the predicate")}";
}
