namespace Actors.Hosting.Internal;

/// <summary>
/// A reference to a declared actor that follows restarts. A supervised actor is reached through its
/// supervisor's stable reference (messages sent while it restarts wait for the next instance). A root actor,
/// which no supervisor restarts, is found by path; once it has finished, sends go to its dead letters.
/// </summary>
/// <typeparam name="TMessage">The actor's messages.</typeparam>
internal sealed class HostedActorRef<TMessage>(ActorSystem system, HostedSupervisors supervisors, string path) : IActorRef<TMessage>
{
    private IActorRef<TMessage>? _stable;    // the supervisor's stable reference, once found, when it lasts as long as the host (racy cache; always the same object)
    private IActorRef<TMessage>? _current;   // the instance last found at the path (racy cache; any live instance is right)

    public ActorTask ActorTask => Current.ActorTask;

    private IActorRef<TMessage> Current
    {
        get
        {
            if (Volatile.Read(ref _stable) is { } stable) return stable;
            if (supervisors.TryResolve<TMessage>(path, out var supervised, out var lastsForever))
            {
                if (lastsForever) Volatile.Write(ref _stable, supervised);
                return supervised;
            }
            var current = Volatile.Read(ref _current);
            if (current is not null && !current.ActorTask.IsFinished) return current;
            if (system.Find(path) is IActorRef<TMessage> live)
            {
                Volatile.Write(ref _current, live);
                return live;
            }
            return current ?? throw new InvalidOperationException(
                $"No actor runs at '{path}' yet: the host starts declared actors when it starts; send after the host has started (for example from a hosted service's StartAsync or a request).");
        }
    }

    public bool TryTell(TMessage message) => Current.TryTell(message);

    public void Tell(TMessage message) => Current.Tell(message);

    public ValueTask SendAsync(TMessage message, CancellationToken cancellationToken = default) => Current.SendAsync(message, cancellationToken);

    public Task<TReply> AskAsync<TReply>(Func<IReplyTo<TReply>, TMessage> request, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Current.AskAsync(request, timeout, cancellationToken);

    public void Complete() => Current.Complete();

    public override string ToString() => path;
}
