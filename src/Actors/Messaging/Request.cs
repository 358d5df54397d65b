namespace Actors;

/// <summary>
/// A message that is a question with a <typeparamref name="TReply"/> answer: derive a record from it and
/// ask it in one call, the reply type inferred, as short as Akka's <c>Ask&lt;int&gt;(msg)</c>:
/// <code>
/// interface ICounterMessage;
/// record Add(int N) : Request&lt;int&gt;, ICounterMessage;
///
/// var total = await counter.AskAsync(new Add(5));       // an int
/// // in the handler:
/// case Add add: add.Reply(_total += add.N); break;
/// </code>
/// The ask binds the request to its reply slot before sending it; the handler answers through the
/// request itself (<see cref="Reply"/>, <see cref="Fail"/>). A request that was told, not asked, has
/// nobody to answer: <see cref="Reply"/> returns false. A request is asked at most once (asking it again
/// throws); the slot is not part of its equality. When the message hierarchy needs its own base record,
/// put the slot in the constructor instead: <c>record Add(int N, IReplyTo&lt;int&gt; ReplyTo)</c> and
/// <c>AskAsync&lt;int&gt;(r =&gt; new Add(5, r))</c>.
/// </summary>
/// <typeparam name="TReply">The answer's type.</typeparam>
public abstract record Request<TReply> : IReplyTo<TReply>
{
    private IReplyTo<TReply>? _slot;   // the asker's reply slot; set once by the ask (Interlocked)

    /// <summary>True once the request was asked (its answer has somewhere to go).</summary>
    public bool IsAsked => Volatile.Read(ref _slot) is not null;

    /// <summary>Answers the asker.</summary>
    /// <param name="reply">The answer.</param>
    /// <returns>False if the request was only told, or the ask was already answered, failed, timed out or abandoned.</returns>
    public bool Reply(TReply reply) => Volatile.Read(ref _slot)?.Reply(reply) ?? false;

    /// <summary>Answers the asker with a failure it will throw.</summary>
    /// <param name="error">The failure.</param>
    /// <returns>False if the request was only told, or the ask was already answered.</returns>
    public bool Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Volatile.Read(ref _slot)?.Fail(error) ?? false;
    }

    /// <summary>Equality ignores the reply slot: two requests with equal data are equal, asked or not.</summary>
    /// <param name="other">The other request.</param>
    /// <returns>True if both are of the same record type (the derived record compares its own members).</returns>
    public virtual bool Equals(Request<TReply>? other) => other is not null && EqualityContract == other.EqualityContract;

    /// <summary>A hash that ignores the reply slot.</summary>
    /// <returns>The hash of the record type.</returns>
    public override int GetHashCode() => EqualityContract.GetHashCode();

    /// <summary>Binds the request to its ask's slot; a request is asked once.</summary>
    internal void Bind(IReplyTo<TReply> slot)
    {
        if (Interlocked.CompareExchange(ref _slot, slot, null) is not null)
            throw new InvalidOperationException($"This {GetType().Name} was already asked. Create a new request for each ask.");
    }
}
