namespace Actors.Supervision;

/// <summary>When a supervised child is restarted after it exits.</summary>
public enum RestartPolicy
{
    /// <summary>After any exit: completion, failure, or a stop the supervisor did not ask for (OTP's permanent). The default.</summary>
    Always,

    /// <summary>Only after a failure (OTP's "transient"; named otherwise here because transient means something else in the kernel).</summary>
    OnFailure,

    /// <summary>Never (OTP's temporary). A Never child caught in a group restart is stopped, not restarted.</summary>
    Never,
}
