namespace Actors.Supervision;

/// <summary>A supervisor needed more restarts than its intensity allows, so it stopped its children and failed.</summary>
public sealed class RestartIntensityExceededException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="supervisor">The supervisor's path.</param>
    /// <param name="maxRestarts">The allowed restarts.</param>
    /// <param name="window">Within this window.</param>
    /// <param name="lastFailure">The failure that needed the restart over the limit, if any.</param>
    public RestartIntensityExceededException(string supervisor, int maxRestarts, TimeSpan window, Exception? lastFailure)
        : base($"Supervisor {supervisor} gave up: more than {maxRestarts} restarts within {window}. Its parent decides what happens next.", lastFailure)
    {
        Supervisor = supervisor;
    }

    /// <summary>The supervisor's path.</summary>
    public string Supervisor { get; }
}
