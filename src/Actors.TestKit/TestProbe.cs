using Actors.Testing.Internal;

namespace Actors.Testing;

/// <summary>
/// A real actor that records what it receives, for the test to expect in order. Pass it wherever an
/// <see cref="IActorRef{TMessage}"/> is wanted: it sits in the tree (under the root by default), can be
/// watched, stopped, asked and found by path, and messages sent after it stops go to dead letters as they
/// would for any actor. Asks reach it as the request message: answer through the message's reply slot
/// (<c>(await probe.ExpectAsync&lt;Add&gt;()).ReplyTo.Reply(3)</c>), or set <see cref="AutoPilot"/>.
/// It keeps its parent (and the system) alive until stopped, like any normal task.
/// </summary>
/// <typeparam name="TMessage">The messages it accepts.</typeparam>
public sealed partial class TestProbe<TMessage> : IActorRef<TMessage>
{
    private readonly IActorRef<TMessage> _actor;          // the recording actor; immutable
    private readonly Lock _sync = new();                  // guards _pending and _arrived
    private readonly Queue<TMessage> _pending = new();    // received, not yet taken by an expectation
    private readonly ChangeSignal _arrived = new();       // fired after each message is queued
    private readonly TimeSpan? _timeout;                  // default bound of the expectations
    private volatile Action<TMessage>? _autoPilot;        // runs on the probe's turn for each message, before it is recorded
    private Exception? _autoPilotFailure;                 // first exception of the auto-pilot; Interlocked

    /// <summary>Starts a probe under the system's root.</summary>
    /// <param name="system">The system.</param>
    /// <param name="name">Optional name (path <c>/name</c>).</param>
    /// <param name="timeout">Default bound of its expectations; null takes <see cref="TestKitDefaults.Timeout"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="system"/> is null.</exception>
    public TestProbe(ActorSystem system, string? name = null, TimeSpan? timeout = null)
        : this((system ?? throw new ArgumentNullException(nameof(system), "Pass the system the probe lives in.")).Root, name, timeout) { }

    /// <summary>Starts a probe as a child of <paramref name="parent"/>.</summary>
    /// <param name="parent">Its parent task.</param>
    /// <param name="name">Optional name within the parent.</param>
    /// <param name="timeout">Default bound of its expectations; null takes <see cref="TestKitDefaults.Timeout"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parent"/> is null.</exception>
    public TestProbe(ActorTask parent, string? name = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(parent);
        _timeout = timeout is { } t ? TestKitDefaults.Positive(t, nameof(timeout)) : null;
        _actor = parent.Spawn<TMessage>(RecordAsync, new SpawnOptions { Name = name, Label = "test probe" });
    }

    /// <inheritdoc/>
    public ActorTask ActorTask => _actor.ActorTask;

    /// <summary>The probe's path in the tree.</summary>
    public string Path => _actor.ActorTask.Path;

    /// <summary>A copy of the messages received and not yet taken by an expectation, oldest first.</summary>
    public IReadOnlyList<TMessage> Pending
    {
        get { lock (_sync) return [.. _pending]; }
    }

    /// <summary>
    /// Runs on the probe's own turn for each message, just before it is recorded: answer asks, forward, or act
    /// as a stub. An exception it throws fails the next expectation. Null (the default) does nothing.
    /// </summary>
    /// <value>Null.</value>
    public Action<TMessage>? AutoPilot
    {
        get => _autoPilot;
        set => _autoPilot = value;
    }

    /// <inheritdoc/>
    public bool TryTell(TMessage message) => _actor.TryTell(message);

    /// <inheritdoc/>
    public void Tell(TMessage message) => _actor.Tell(message);

    /// <inheritdoc/>
    public ValueTask SendAsync(TMessage message, CancellationToken cancellationToken = default) => _actor.SendAsync(message, cancellationToken);

    /// <inheritdoc/>
    public Task<TReply> AskAsync<TReply>(Func<IReplyTo<TReply>, TMessage> request, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _actor.AskAsync(request, timeout, cancellationToken);

    /// <inheritdoc/>
    public void Complete() => _actor.Complete();

    /// <inheritdoc/>
    public override string ToString() => $"TestProbe<{typeof(TMessage).Name}> {Path}";

    /// <summary>Runs the auto-pilot first, so that once a message is visible its auto-pilot run (and any failure) is too.</summary>
    private ValueTask RecordAsync(ActorContext<TMessage> context, TMessage message)
    {
        try { _autoPilot?.Invoke(message); }
        catch (Exception ex) { Interlocked.CompareExchange(ref _autoPilotFailure, ex, null); }
        TaskCompletionSource fired;
        lock (_sync)
        {
            _pending.Enqueue(message);
            fired = _arrived.Take();
        }
        fired.TrySetResult();
        return ValueTask.CompletedTask;
    }
}
