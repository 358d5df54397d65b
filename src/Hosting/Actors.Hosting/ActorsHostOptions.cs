namespace Actors.Hosting;

/// <summary>
/// Settings of the hosted actor system, bound from the configuration section <c>Actors</c> and validated
/// when the host starts (a bad value stops the start with a message naming the setting).
/// </summary>
public sealed class ActorsHostOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Actors";

    /// <summary>Name of the system, used in diagnostics tags.</summary>
    /// <value>"actors".</value>
    public string Name { get; set; } = "actors";

    /// <summary>Deadline for a process body and for a handler's work on one message (<see cref="ActorSystemOptions.TaskTimeout"/>).</summary>
    /// <value>5 minutes.</value>
    public TimeSpan TaskTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Deadline for an ask that names none (<see cref="ActorSystemOptions.AskTimeout"/>).</summary>
    /// <value>30 seconds.</value>
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages a handler handles per turn before yielding (<see cref="ActorSystemOptions.Throughput"/>).</summary>
    /// <value>300.</value>
    public int Throughput { get; set; } = 300;

    /// <summary>A turn holding its thread longer than this is reported as blocking (<see cref="ActorSystemOptions.BlockingThreshold"/>).</summary>
    /// <value>1 second.</value>
    public TimeSpan BlockingThreshold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Share of messages traced with a span, 0 to 1 (<see cref="ActorSystemOptions.MessageTraceSampling"/>).</summary>
    /// <value>0.</value>
    public double MessageTraceSampling { get; set; }

    /// <summary>The health check reports Degraded when a mailbox holds more messages than this.</summary>
    /// <value>1000.</value>
    public int DegradedMailboxDepth { get; set; } = 1000;

    /// <summary>The health check reports Unhealthy when a task restarted this many times within <see cref="RestartLoopWindow"/>.</summary>
    /// <value>3.</value>
    public int RestartLoopThreshold { get; set; } = 3;

    /// <summary>The window for <see cref="RestartLoopThreshold"/> and for blocking reports.</summary>
    /// <value>1 minute.</value>
    public TimeSpan RestartLoopWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The process exit code set when a root task fails (for example a root supervisor giving up).</summary>
    /// <value>1.</value>
    public int FailureExitCode { get; set; } = 1;
}
