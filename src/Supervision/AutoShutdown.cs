namespace Actors.Supervision;

/// <summary>Whether significant children ending on their own end the supervisor (OTP's auto_shutdown).</summary>
public enum AutoShutdown
{
    /// <summary>Never. The default.</summary>
    Never,

    /// <summary>The supervisor completes when any significant child ends without being restarted.</summary>
    AnySignificant,

    /// <summary>The supervisor completes when every significant child has ended without being restarted.</summary>
    AllSignificant,
}
