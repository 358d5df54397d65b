using Actors.Testing.Internal;

namespace Actors.Testing;

public sealed partial class TestProbe<TMessage>
{
    /// <summary>Takes messages until one matches <paramref name="match"/>, dropping the others.</summary>
    /// <param name="match">The message fished for.</param>
    /// <param name="description">What is fished for, for the failure message.</param>
    /// <param name="timeout">Bound of the whole wait; null takes the probe's default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The matching message.</returns>
    /// <exception cref="ActorAssertionException">None matched within the bound (the message lists those skipped).</exception>
    public Task<TMessage> FishForAsync(Func<TMessage, bool> match, string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        return FishCoreAsync(match, description ?? "a message matching the predicate", timeout, cancellationToken);
    }

    /// <summary>Takes messages until one is a <typeparamref name="TExpected"/> (that matches, if given), dropping the others.</summary>
    /// <typeparam name="TExpected">The type fished for.</typeparam>
    /// <param name="match">What it must also satisfy; null accepts any.</param>
    /// <param name="description">What is fished for, for the failure message.</param>
    /// <param name="timeout">Bound of the whole wait; null takes the probe's default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The matching message.</returns>
    /// <exception cref="ActorAssertionException">None matched within the bound (the message lists those skipped).</exception>
    public Task<TExpected> FishForAsync<TExpected>(Func<TExpected, bool>? match = null, string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TExpected : TMessage =>
        FishCoreAsync(match ?? (static _ => true), description ?? Of<TExpected>(match), timeout, cancellationToken);

    /// <summary>
    /// Takes the next messages until each of <paramref name="expected"/> has arrived once, in any order
    /// (Akka's <c>ExpectMsgAllOf</c>): for messages from several senders.
    /// </summary>
    /// <param name="expected">The messages (compared with <see cref="EqualityComparer{T}.Default"/>; repeats must arrive that often).</param>
    /// <param name="timeout">Bound of the whole wait; null takes the probe's default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The messages in arrival order.</returns>
    /// <exception cref="ActorAssertionException">A message not expected arrived, or some did not arrive within the bound (the message says which).</exception>
    public async Task<IReadOnlyList<TMessage>> ExpectAllOfAsync(IEnumerable<TMessage> expected, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var missing = expected.ToList();
        var taken = new List<TMessage>(missing.Count);
        using var deadline = NewDeadline(timeout, cancellationToken);
        while (missing.Count > 0)
        {
            var (ok, message) = await TakeAsync(deadline).ConfigureAwait(false);
            if (!ok)
                throw new ActorAssertionException(
                    $"Timed out after {Describe.Time(deadline.Bound)} at {Path} still missing:{Describe.List(missing, m => Describe.Value(m))}\nafter receiving:{Describe.List(taken, m => Describe.Value(m))}");
            var index = missing.FindIndex(m => EqualityComparer<TMessage>.Default.Equals(m, message));
            if (index < 0)
                throw new ActorAssertionException(
                    $"Unexpected message {Describe.Value(message)} at {Path}; still missing:{Describe.List(missing, m => Describe.Value(m))}");
            missing.RemoveAt(index);
            taken.Add(message);
        }
        return taken;
    }

    private async Task<TExpected> FishCoreAsync<TExpected>(Func<TExpected, bool> match, string description, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using var deadline = NewDeadline(timeout, cancellationToken);
        var skipped = new List<TMessage>();
        while (true)
        {
            var (ok, message) = await TakeAsync(deadline).ConfigureAwait(false);
            if (!ok)
                throw new ActorAssertionException(
                    $"Timed out after {Describe.Time(deadline.Bound)} fishing for {description} at {Path}; skipped {skipped.Count} message(s):{Describe.List(skipped, m => Describe.Value(m))}");
            if (message is TExpected typed && match(typed)) return typed;
            skipped.Add(message);
        }
    }
}
