using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Actors.Internal;

/// <summary>
/// The system's spans, metrics and blocking reports. The <see cref="ActivitySource"/> and the
/// <see cref="Meter"/> are named <see cref="ActorTelemetry.MeterName"/>; the meter comes from
/// <see cref="ActorSystemOptions.MeterFactory"/> when one is given. Metric tags are bounded: system name,
/// body kind and the spawn's <see cref="SpawnOptions.MetricLabel"/>, never a path.
/// </summary>
internal sealed class ActorDiagnostics
{
    private static readonly ActivitySource s_source = new(ActorTelemetry.ActivitySourceName);

    private readonly ActorSystem _system;               // immutable
    private readonly KernelInstruments _instruments;    // shared per meter; immutable
    private readonly SystemMetrics _metrics;            // what the observable instruments read of this system
    private readonly long _blockingMs;                  // the blocking threshold in milliseconds of Environment.TickCount64, or long.MaxValue

    public ActorDiagnostics(ActorSystem system)
    {
        _system = system;
        _metrics = new SystemMetrics(system.Options.Name);
        _instruments = KernelInstruments.For(system.Options.MeterFactory);
        _instruments.Attach(_metrics);
        var threshold = system.Options.BlockingThreshold;
        _blockingMs = threshold == Timeout.InfiniteTimeSpan ? long.MaxValue
            : threshold <= TimeSpan.Zero ? 0 : Math.Max(1, (long)Math.Ceiling(threshold.TotalMilliseconds));
    }

    public long MessagesHandled => _metrics.MessagesHandled;

    /// <summary>Stops reporting this system's observable series (the system has stopped).</summary>
    public void Detach() => _instruments.Detach(_metrics);

    public MetricBucket BucketFor(ActorBodyKind kind, string? label) => _metrics.BucketFor(kind, label);

    /// <summary>The task's mailbox now exists: the depth gauge counts it until the task finishes.</summary>
    public void MailboxCreated(ActorTask task) => _metrics.Mailboxes.Track(task);

    public void TaskStarted(ActorTask task)
    {
        if (_instruments.Started.Enabled) _instruments.Started.Add(1, task.MetricBucket!.Tags);
        if (!s_source.HasListeners()) return;
        var caller = Activity.Current;
        var activity = s_source.StartActivity("actor.task", ActivityKind.Internal, parentContext: default);
        Activity.Current = caller;   // the span belongs to the task, not to whoever spawned it
        if (activity is null) return;
        activity.SetTag("actors.path", task.Path);
        activity.SetTag("actors.kind", task.BodyKind.ToString());
        task.AttachActivity(activity);
    }

    public void TaskFinished(ActorTask task, ActorTaskState outcome, Exception? failure, Activity? activity)
    {
        _metrics.Mailboxes.Untrack(task);
        if (_instruments.Finished.Enabled && task.MetricBucket is { } bucket)
        {
            var tags = new TagList(bucket.Tags) { { "actors.task.state", StateTag(outcome) } };
            _instruments.Finished.Add(1, tags);
        }
        if (activity is null) return;
        activity.SetTag("actors.state", outcome.ToString());
        if (failure is not null) activity.SetStatus(ActivityStatusCode.Error, failure.Message);
        activity.Stop();
    }

    public void DeadLettered(ActorTask recipient, DeadLetterReason reason)
    {
        if (!_instruments.DeadLettered.Enabled || recipient.MetricBucket is not { } bucket) return;
        var tags = new TagList(bucket.Tags) { { "actors.dead_letter.reason", reason == DeadLetterReason.MailboxFull ? "mailbox_full" : "recipient_finished" } };
        _instruments.DeadLettered.Add(1, tags);
    }

    /// <summary>
    /// The start of a turn, for <see cref="TurnEnded"/>: the coarse millisecond tick, or 0 when blocking
    /// detection is off. Not <see cref="Stopwatch.GetTimestamp"/>: on a VM that reads a precise clock for
    /// 60-100 ns, twice per turn, which was a third of the CPU of a one-message ping-pong; the coarse tick costs
    /// about 15 ns and its resolution (a few ms) is plenty against a threshold of a second.
    /// </summary>
    public long TurnStarted() => _blockingMs == long.MaxValue ? 0 : Environment.TickCount64;

    /// <summary>
    /// Reports a turn if it held its thread past the threshold. Returns the tick it read (0 when detection
    /// is off), which a turn run next on the same thread takes as its start. The turn's messages are
    /// counted by whoever ran it, once per run of turns (<see cref="RunNext.Drain"/>).
    /// </summary>
    public long TurnEnded(ActorTask task, long startedAt)
    {
        if (_blockingMs == long.MaxValue) return 0;
        var now = Environment.TickCount64;
        var held = now - startedAt;
        if (held < _blockingMs) return now;
        var elapsed = TimeSpan.FromMilliseconds(held);
        _instruments.Blocked.Add(1, task.MetricBucket!.Tags);
        MessagingLog.TurnBlocked(_system.MessagingLogger, task.Path, elapsed.TotalMilliseconds, _system.Options.BlockingThreshold.TotalMilliseconds);
        return Environment.TickCount64;   // after the report: logging may take a while
    }

    public void StartMessage(ActorTask task, TraceMeta trace)
    {
        var activity = s_source.StartActivity("actor.message", ActivityKind.Consumer, trace.Parent);
        activity?.SetTag("actors.path", task.Path);
        trace.Span = activity;
    }

    public static void StopMessage(TraceMeta trace)
    {
        trace.Span?.Stop();
        trace.Span = null;
    }

    private static string StateTag(ActorTaskState state) => state switch
    {
        ActorTaskState.Completed => "completed",
        ActorTaskState.Failed => "failed",
        _ => "stopped",
    };
}
