using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Actors.Internal;

/// <summary>
/// The system's spans, metrics and blocking reports. Instrument names are under <c>actors.</c>; the
/// <see cref="ActivitySource"/> and <see cref="Meter"/> are both named <c>Actors</c>.
/// </summary>
internal sealed class ActorDiagnostics : IDisposable
{
    public const string SourceName = "Actors";

    private static readonly ActivitySource s_source = new(SourceName);

    private readonly ActorSystem _system;                // immutable
    private readonly KeyValuePair<string, object?> _tag; // the system's name tag
    private readonly Meter _meter;                       // this system's instruments; disposed when the system stops
    private readonly Counter<long> _started, _completed, _failed, _stopped, _deadLetters, _blocked;
    private readonly long _blockingTicks;                // the blocking threshold in Stopwatch ticks, or long.MaxValue
    private long _messages;                              // messages handled (Interlocked)

    public ActorDiagnostics(ActorSystem system)
    {
        _system = system;
        _tag = new("actors.system", system.Options.Name);
        var meter = _meter = new Meter(SourceName);
        _started = meter.CreateCounter<long>("actors.tasks.started", "{task}", "Tasks whose body began");
        _completed = meter.CreateCounter<long>("actors.tasks.completed", "{task}", "Tasks that completed");
        _failed = meter.CreateCounter<long>("actors.tasks.failed", "{task}", "Tasks that failed");
        _stopped = meter.CreateCounter<long>("actors.tasks.stopped", "{task}", "Tasks that were stopped");
        _deadLetters = meter.CreateCounter<long>("actors.dead_letters", "{message}", "Messages never handled");
        _blocked = meter.CreateCounter<long>("actors.turns.blocked", "{turn}", "Handler turns that held a thread past the blocking threshold");
        meter.CreateObservableCounter("actors.messages", () => new Measurement<long>(Interlocked.Read(ref _messages), _tag), "{message}", "Messages handled by handler actors");
        meter.CreateObservableGauge("actors.mailbox.depth", MailboxDepth, "{message}", "Messages waiting, summed over all tasks");
        var threshold = system.Options.BlockingThreshold;
        _blockingTicks = threshold == Timeout.InfiniteTimeSpan ? long.MaxValue : (long)(threshold.TotalSeconds * Stopwatch.Frequency);
    }

    public long MessagesHandled => Interlocked.Read(ref _messages);

    /// <summary>Releases the meter, so a stopped system's gauges stop holding it.</summary>
    public void Dispose() => _meter.Dispose();

    public void TaskStarted(ActorTask task)
    {
        _started.Add(1, _tag);
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
        (outcome switch
        {
            ActorTaskState.Completed => _completed,
            ActorTaskState.Failed => _failed,
            _ => _stopped,
        }).Add(1, _tag);
        if (activity is null) return;
        activity.SetTag("actors.state", outcome.ToString());
        if (failure is not null) activity.SetStatus(ActivityStatusCode.Error, failure.Message);
        activity.Stop();
    }

    public void DeadLettered() => _deadLetters.Add(1, _tag);

    /// <summary>Counts a turn's messages and reports it if it held its thread past the threshold.</summary>
    public void TurnEnded(ActorTask task, int handled, long startedAt)
    {
        if (handled > 0) Interlocked.Add(ref _messages, handled);
        if (_blockingTicks == long.MaxValue) return;
        var held = Stopwatch.GetTimestamp() - startedAt;
        if (held < _blockingTicks) return;
        var elapsed = TimeSpan.FromSeconds((double)held / Stopwatch.Frequency);
        _blocked.Add(1, _tag);
        MessagingLog.TurnBlocked(_system.MessagingLogger, task.Path, elapsed.TotalMilliseconds, _system.Options.BlockingThreshold.TotalMilliseconds);
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

    private IEnumerable<Measurement<long>> MailboxDepth()
    {
        long total = 0;
        lock (_system.TreeLock) _system.Root.VisitLocked((t, _) => total += t.MailboxDepth);
        return [new Measurement<long>(total, _tag)];
    }
}
