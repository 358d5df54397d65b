using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors;

/// <summary>Settings for one <see cref="ActorSystem"/>. Validated when the system is created.</summary>
public sealed class ActorSystemOptions
{
    /// <summary>Deadline for a process body's run and for a handler's work on one message; at most about 49.7 days (a timer's limit).</summary>
    /// <value>5 minutes. <see cref="Timeout.InfiniteTimeSpan"/> disables it.</value>
    public TimeSpan TaskTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Deadline for an ask that names none.</summary>
    /// <value>30 seconds. <see cref="Timeout.InfiniteTimeSpan"/> disables it.</value>
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="ActorSystem.StopAsync(CancellationToken)"/> waits before abandoning bodies that ignore the stop.</summary>
    /// <value>10 seconds.</value>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Messages a handler actor handles in one turn before yielding its thread to other actors.</summary>
    /// <value>300 (Proto.Actor's choice; each yield costs a trip through the thread pool's queue).</value>
    public int Throughput { get; set; } = 300;

    /// <summary>A turn that holds its thread longer than this is reported as blocking (log and counter).</summary>
    /// <value>1 second. <see cref="Timeout.InfiniteTimeSpan"/> disables the report.</value>
    public TimeSpan BlockingThreshold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Share of messages traced with an <see cref="System.Diagnostics.Activity"/> span, from 0 to 1.</summary>
    /// <value>0 (off). Task spans are always on when a listener is attached.</value>
    public double MessageTraceSampling { get; set; }

    /// <summary>Where time comes from (timeouts, timers, ages). Tests pass a fake.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Creates the loggers of the kernel and the supervisors. Categories: <c>Actors.Tasks</c> (lifecycle:
    /// unobserved failures, abandoned bodies, hooks that threw), <c>Actors.Messaging</c> (handlers that threw
    /// and resumed, blocked turns, dead-letter subscribers), <c>Actors.Supervision</c> and
    /// <c>Actors.Supervision.Pools</c>. Every line carries the task's path as the <c>ActorPath</c> property.
    /// </summary>
    /// <value><see cref="NullLoggerFactory.Instance"/>: nothing is logged.</value>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>
    /// Creates the kernel's and the supervisors' meters (<see cref="ActorTelemetry.MeterName"/>,
    /// <c>Actors.Supervision</c>), so a host or a test can isolate them. Hosting passes the host's.
    /// </summary>
    /// <value>null: the meters are process-wide, shared by every system, told apart by the <c>actors.system.name</c> tag.</value>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>Optional name of the system, used in diagnostics tags.</summary>
    /// <value>"actors".</value>
    public string Name { get; set; } = "actors";

    internal void Validate()
    {
        ValidateTimeout(TaskTimeout, nameof(TaskTimeout));
        ValidateTimeout(AskTimeout, nameof(AskTimeout));
        ValidateTimeout(StopGracePeriod, nameof(StopGracePeriod));
        ValidateTimeout(BlockingThreshold, nameof(BlockingThreshold));
        if (Throughput < 1) throw new ArgumentOutOfRangeException(nameof(Throughput), Throughput, "Throughput must be at least 1 message per turn.");
        if (double.IsNaN(MessageTraceSampling) || MessageTraceSampling is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(MessageTraceSampling), MessageTraceSampling, "Sampling is a share between 0 and 1.");
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentNullException.ThrowIfNull(LoggerFactory, nameof(LoggerFactory));
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
    }

    internal static void ValidateTimeout(TimeSpan value, string name) => Internal.TimerLimit.ValidateTimeout(value, name);
}
