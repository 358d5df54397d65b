using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Actors.Tests;

/// <summary>
/// The ActivitySource and Meter named "Actors.Kernel" are process-wide and other test classes run in parallel, so
/// every test here filters what it sees by names unique to the test.
/// </summary>
public class DiagnosticsTests
{
    [Fact]
    public async Task EveryTaskGetsAnActorTaskSpanWhenSomeoneListens()
    {
        using var spans = new SpanRecorder();
        await using var t = new TestSystem();
        var unique = Guid.NewGuid().ToString("N");
        var process = t.System.Run(ctx => Task.CompletedTask, new SpawnOptions { Name = "process-" + unique });
        var actor = t.System.Spawn<int>((ctx, m) => ValueTask.CompletedTask, new SpawnOptions { Name = "actor-" + unique });
        actor.Complete();
        await process.Completion.WithinAsync("the process");
        await actor.ActorTask.Completion.WithinAsync("the actor");

        await TestWaits.UntilAsync(() => spans.Stopped("actor.task", "/process-" + unique).Length == 1, "the process's span to end");
        await TestWaits.UntilAsync(() => spans.Stopped("actor.task", "/actor-" + unique).Length == 1, "the actor's span to end");
        var processSpan = spans.Stopped("actor.task", "/process-" + unique)[0];
        var actorSpan = spans.Stopped("actor.task", "/actor-" + unique)[0];
        Assert.Equal("Process", processSpan.GetTagItem("actors.kind"));
        Assert.Equal("Handler", actorSpan.GetTagItem("actors.kind"));
        Assert.Equal("Completed", processSpan.GetTagItem("actors.state"));
        Assert.Equal("Completed", actorSpan.GetTagItem("actors.state"));
    }

    [Fact]
    public async Task AFailedTasksSpanIsMarkedAsAnError()
    {
        using var spans = new SpanRecorder();
        await using var t = new TestSystem();
        var path = "/failing-" + Guid.NewGuid().ToString("N");
        var task = t.System.Run(ctx => Task.FromException(new InvalidOperationException("broken")), new SpawnOptions { Name = path[1..] });
        await Assert.ThrowsAsync<InvalidOperationException>(() => task.Completion.WithinAsync("the failure"));

        await TestWaits.UntilAsync(() => spans.Stopped("actor.task", path).Length == 1, "the span to end");
        var span = spans.Stopped("actor.task", path)[0];
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("broken", span.StatusDescription);
        Assert.Equal("Failed", span.GetTagItem("actors.state"));
    }

    [Fact]
    public async Task ASampledMessageGetsASpanWhoseParentIsTheSendersActivity()
    {
        using var spans = new SpanRecorder();
        await using var t = new TestSystem(o => o.MessageTraceSampling = 1);
        var path = "/traced-" + Guid.NewGuid().ToString("N");
        var seen = Signal.New<(string? Operation, ActivityTraceId TraceId, ActivitySpanId ParentSpanId)>();
        var actor = t.System.Spawn<int>((ctx, m) =>
        {
            var current = Activity.Current;
            seen.SetResult((current?.OperationName, current?.TraceId ?? default, current?.ParentSpanId ?? default));
            return ValueTask.CompletedTask;
        }, new SpawnOptions { Name = path[1..] });

        using var sender = new Activity("sender").SetIdFormat(ActivityIdFormat.W3C).Start();
        actor.Tell(1);
        sender.Stop();

        var (operation, traceId, parentSpanId) = await seen.Task.WithinAsync("the message");
        Assert.Equal("actor.message", operation);
        Assert.Equal(sender.TraceId, traceId);
        Assert.Equal(sender.SpanId, parentSpanId);
        await TestWaits.UntilAsync(() => spans.Stopped("actor.message", path).Length == 1, "the message span to end");
        var span = spans.Stopped("actor.message", path)[0];
        Assert.Equal(sender.TraceId, span.TraceId);
        Assert.Equal(sender.Id, span.ParentId);
        Assert.Equal(ActivityKind.Consumer, span.Kind);
    }

    [Fact]
    public async Task MessagesAreNotTracedUnlessSampled()
    {
        using var spans = new SpanRecorder();
        await using var t = new TestSystem();   // MessageTraceSampling is 0 by default
        var path = "/untraced-" + Guid.NewGuid().ToString("N");
        var handled = Signal.New();
        var actor = t.System.Spawn<int>((ctx, m) =>
        {
            handled.SetResult();
            return ValueTask.CompletedTask;
        }, new SpawnOptions { Name = path[1..] });

        using (new Activity("sender").SetIdFormat(ActivityIdFormat.W3C).Start()) actor.Tell(1);
        await handled.Task.WithinAsync("the message");
        actor.Complete();
        await actor.ActorTask.Completion.WithinAsync("the actor");
        await TestWaits.UntilAsync(() => spans.Stopped("actor.task", path).Length == 1, "the task span to end");

        Assert.Empty(spans.Started("actor.message", path));
    }

    [Fact]
    public async Task AnAsyncHandlersMessageSpanEndsOnceItsMessageIsHandled()
    {
        using var spans = new SpanRecorder();
        await using var t = new TestSystem(o => o.MessageTraceSampling = 1);
        var path = "/async-traced-" + Guid.NewGuid().ToString("N");
        var gate = new ManualGate();
        var actor = t.System.Spawn<int>(async (ctx, m) => await gate, new SpawnOptions { Name = path[1..] });

        actor.Tell(1);
        await gate.Awaited.Task.WithinAsync("the handler to await");
        await TestWaits.UntilAsync(() => t.System.Snapshot().MessagesHandled == 1, "the turn to end");
        Assert.Single(spans.Started("actor.message", path));
        gate.Resume();   // the handler goes on on this thread, as it would on any thread that completes what it awaits

        await TestWaits.UntilAsync(() => spans.Stopped("actor.message", path).Length == 1, "the message span to end");
    }

    [Fact]
    public async Task SpawningAHandlerActorLeavesTheCallersCurrentActivityAlone()
    {
        using var spans = new SpanRecorder();
        await using var t = new TestSystem();
        using var caller = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();

        var actor = t.System.Spawn<int>((ctx, m) => ValueTask.CompletedTask, new SpawnOptions { Name = "spawned-" + Guid.NewGuid().ToString("N") });

        Assert.Same(caller, Activity.Current);
        actor.Complete();
        await actor.ActorTask.Completion.WithinAsync("the actor");
    }

    [Fact]
    public async Task TheMeterCountsStartedCompletedFailedAndStoppedTasksAndDeadLetters()
    {
        var system = "metrics-" + Guid.NewGuid().ToString("N");
        using var metrics = MetricRecorder.ForSystem(system);
        await using var t = new TestSystem(o => o.Name = system);
        var running = Signal.New();

        var completes = t.System.Run(ctx => Task.CompletedTask);
        var fails = t.System.Run(ctx => Task.FromException(new InvalidOperationException("broken")));
        var stopped = t.System.Run(async ctx =>
        {
            running.SetResult();
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        });
        var actor = t.System.Spawn<int>((ctx, m) => ValueTask.CompletedTask);
        await completes.Completion.WithinAsync("the completing task");
        await Assert.ThrowsAsync<InvalidOperationException>(() => fails.Completion.WithinAsync("the failing task"));
        await running.Task.WithinAsync("the task to stop");
        await stopped.StopAsync().WithinAsync("the stop");
        actor.Complete();
        await actor.ActorTask.Completion.WithinAsync("the actor");
        actor.Tell(1);
        actor.Tell(2);

        await TestWaits.UntilAsync(() => metrics.Total("actors.tasks.finished", "actors.task.state", "completed") == 2, "two completions counted");
        await TestWaits.UntilAsync(() => metrics.Total("actors.tasks.finished", "actors.task.state", "stopped") == 1, "one stop counted");
        await TestWaits.UntilAsync(() => metrics.Total("actors.tasks.finished", "actors.task.state", "failed") == 1, "one failure counted");
        Assert.Equal(4, metrics.Total("actors.tasks.started"));
        Assert.Equal(2, metrics.Total("actors.messages.dead_lettered", "actors.dead_letter.reason", "recipient_finished"));
    }

    [Fact]
    public async Task TheMeterReportsHandledMessagesAndMailboxDepth()
    {
        var system = "observed-" + Guid.NewGuid().ToString("N");
        using var metrics = MetricRecorder.ForSystem(system);
        await using var t = new TestSystem(o => o.Name = system);
        var busy = Signal.New();
        var release = Signal.New();
        var actor = t.System.Spawn<int>(async (ctx, m) =>
        {
            if (m != 0) return;
            busy.SetResult();
            await release.Task;
        });
        for (var i = 0; i < 4; i++) actor.Tell(i);
        await busy.Task.WithinAsync("the actor to be busy");

        metrics.RecordObservable();
        Assert.Equal(3, metrics.Last("actors.mailbox.depth", "actors.task.kind", "handler"));
        release.SetResult();
        await TestWaits.UntilAsync(() => t.System.Snapshot().MessagesHandled == 4, "every message handled");
        metrics.RecordObservable();
        Assert.Equal(4, metrics.Last("actors.messages.processed", "actors.task.kind", "handler"));
        Assert.Equal(0, metrics.Last("actors.mailbox.depth", "actors.task.kind", "handler"));
    }

    [Fact]
    public async Task AHandlerTurnThatBlocksItsThreadIsLoggedAtWarningWithItsPathAndDuration()
    {
        var system = "blocking-" + Guid.NewGuid().ToString("N");
        using var metrics = MetricRecorder.ForSystem(system);
        await using var t = new TestSystem(o =>
        {
            o.Name = system;
            o.BlockingThreshold = TimeSpan.FromMilliseconds(50);
        });
        var handled = Signal.New();
        var actor = t.System.Spawn<int>((ctx, m) =>
        {
            Thread.Sleep(200);   // the blocking call under test, not synchronisation
            handled.SetResult();
            return ValueTask.CompletedTask;
        }, new SpawnOptions { Name = "sleeper" });

        actor.Tell(1);
        await handled.Task.WithinAsync("the blocking handler");
        await TestWaits.UntilAsync(() => t.Logs.Any(l => l.Level == LogLevel.Warning && l.Path == "/sleeper"), "the blocking report");

        var report = Assert.Single(t.Logs, l => l.Level == LogLevel.Warning && l.Path == "/sleeper");
        Assert.Matches(@"held its thread for \d+ ms", report.Message);
        Assert.Contains("threshold 50 ms", report.Message);
        await TestWaits.UntilAsync(() => metrics.Total("actors.turns.blocked") == 1, "the blocked turn counted");
    }

    /// <summary>Records the spans of the "Actors" source.</summary>
    private sealed class SpanRecorder : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<Activity> _started = new();
        private readonly ConcurrentQueue<Activity> _stopped = new();

        public SpanRecorder()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == ActorTelemetry.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStarted = _started.Enqueue,
                ActivityStopped = _stopped.Enqueue,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public Activity[] Started(string operation, string path) => Filter(_started, operation, path);

        public Activity[] Stopped(string operation, string path) => Filter(_stopped, operation, path);

        public void Dispose() => _listener.Dispose();

        private static Activity[] Filter(ConcurrentQueue<Activity> spans, string operation, string path) =>
            [.. spans.Where(a => a.OperationName == operation && Equals(a.GetTagItem("actors.path"), path))];
    }

    /// <summary>An awaitable that resumes its awaiter on the thread that calls <see cref="Resume"/>.</summary>
    private sealed class ManualGate : INotifyCompletion
    {
        private Action? _continuation;

        public TaskCompletionSource Awaited { get; } = Signal.New();

        public bool IsCompleted => false;

        public ManualGate GetAwaiter() => this;

        public void GetResult() { }

        public void OnCompleted(Action continuation)
        {
            _continuation = continuation;
            Awaited.SetResult();
        }

        public void Resume() => Interlocked.Exchange(ref _continuation, null)?.Invoke();
    }
}
