namespace Actors.Testing;

/// <summary>
/// Records the dead letters of a system from its creation until disposed, with bounded waits for one to
/// appear. Subscribe before the messages are sent: earlier dead letters are only counted by the system.
/// </summary>
public sealed class DeadLetterCapture : IDisposable
{
    private readonly EventRecorder<DeadLetter> _letters;   // every dead letter seen
    private readonly IDisposable _subscription;            // to the system's stream

    /// <summary>Starts recording the dead letters of <paramref name="system"/>.</summary>
    /// <param name="system">The system.</param>
    /// <param name="timeout">Default bound of the waits; null takes <see cref="TestKitDefaults.Timeout"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="system"/> is null.</exception>
    public DeadLetterCapture(ActorSystem system, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        _letters = new EventRecorder<DeadLetter>(timeout);
        _subscription = system.DeadLetters.Subscribe(_letters.Add);
    }

    /// <summary>A copy of the dead letters so far, in order.</summary>
    public IReadOnlyList<DeadLetter> Letters => _letters.Items;

    /// <summary>Forgets the dead letters so far.</summary>
    public void Clear() => _letters.Clear();

    /// <summary>Waits until a dead letter matching <paramref name="match"/> has been seen (earlier ones count).</summary>
    /// <param name="match">Selects the dead letter.</param>
    /// <param name="description">What the test waits for, for the failure message.</param>
    /// <param name="timeout">Bound of the wait; null takes the capture's default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The first matching dead letter.</returns>
    /// <exception cref="ActorAssertionException">None within the bound; the message lists the dead letters seen.</exception>
    public Task<DeadLetter> WaitForAsync(Func<DeadLetter, bool> match, string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _letters.WaitForAsync(match, description ?? "a matching dead letter", timeout, cancellationToken);

    /// <summary>Waits until a dead letter whose message is a <typeparamref name="TMessage"/> (matching, if given) has been seen.</summary>
    /// <typeparam name="TMessage">The message type.</typeparam>
    /// <param name="match">What the message must also satisfy; null accepts any.</param>
    /// <param name="timeout">Bound of the wait; null takes the capture's default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The first matching dead letter.</returns>
    /// <exception cref="ActorAssertionException">None within the bound; the message lists the dead letters seen.</exception>
    public Task<DeadLetter> WaitForAsync<TMessage>(Func<TMessage, bool>? match = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _letters.WaitForAsync(d => d.Message is TMessage m && (match is null || match(m)),
            $"a dead letter of type {typeof(TMessage).Name}{(match is null ? "" : " matching the predicate")}", timeout, cancellationToken);

    /// <summary>Stops recording; the dead letters seen stay readable.</summary>
    public void Dispose() => _subscription.Dispose();
}
