namespace Actors.Testing;

/// <summary>
/// An expectation of the test kit was not met: a message, log line, dead letter, task state or tree shape
/// did not arrive within its bound, or something arrived that should not have. The message says what was
/// expected and what was seen instead. Test frameworks report it as a failed test.
/// </summary>
public sealed class ActorAssertionException : Exception
{
    /// <summary>Creates the failure.</summary>
    /// <param name="message">What was expected and what was seen.</param>
    /// <param name="inner">The failure behind this one, if any.</param>
    public ActorAssertionException(string message, Exception? inner = null) : base(message, inner) { }
}
