namespace Actors;

/// <summary>The slot an asked task answers through. The first answer wins; later ones return false.</summary>
/// <typeparam name="TReply">The reply type.</typeparam>
public interface IReplyTo<in TReply>
{
    /// <summary>Answers with a value.</summary>
    /// <param name="reply">The reply.</param>
    /// <returns>False if the ask was already answered, failed, timed out or abandoned.</returns>
    bool Reply(TReply reply);

    /// <summary>Answers with a failure the asker will throw.</summary>
    /// <param name="error">The failure.</param>
    /// <returns>False if the ask was already answered.</returns>
    bool Fail(Exception error);
}
