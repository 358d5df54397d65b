using Actors.Supervision;

namespace Actors.Hosting;

/// <summary>How one declared actor or process is built and supervised.</summary>
public sealed class HostedActorOptions
{
    /// <summary>Where the actor's constructor dependencies come from.</summary>
    /// <value><see cref="ActorServiceScope.Root"/>.</value>
    public ActorServiceScope Scope { get; set; }

    /// <summary>Its mailbox.</summary>
    /// <value><see cref="MailboxOptions.Unbounded"/>.</value>
    public MailboxOptions Mailbox { get; set; } = MailboxOptions.Unbounded;

    /// <summary>Free text shown by introspection.</summary>
    /// <value>The actor's type name, or null for a process.</value>
    public string? Label { get; set; }

    /// <summary>When its supervisor restarts it (ignored for a root child: a root child that fails stops the application).</summary>
    /// <value><see cref="RestartPolicy.Always"/>.</value>
    public RestartPolicy Restart { get; set; }

    /// <summary>How long a stop waits for it before abandoning it.</summary>
    /// <value>5 seconds.</value>
    public TimeSpan Shutdown { get; set; } = TimeSpan.FromSeconds(5);
}
