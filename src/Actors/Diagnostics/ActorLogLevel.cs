namespace Actors;

/// <summary>Severity of an <see cref="ActorLogEntry"/>.</summary>
public enum ActorLogLevel
{
    /// <summary>Detail for diagnosing the framework.</summary>
    Debug,

    /// <summary>A normal event worth recording.</summary>
    Information,

    /// <summary>Something unusual that did not fail anything (a blocked handler, an abandoned body).</summary>
    Warning,

    /// <summary>A failure nobody observed.</summary>
    Error,
}
