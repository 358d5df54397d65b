namespace Actors.Supervision;

/// <summary>One attempt of a restart sequence failed (a crash before the stable period, or a failed start): Polly waits its delay and tries again.</summary>
internal sealed class RestartNeeded(Exception? cause) : Exception("The child needs another restart.", cause)
{
    public static RestartNeeded Instance { get; } = new(null);
}
