using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Actors.Tests;

/// <summary>Metrics by the book: a factory's meter when given, OpenTelemetry names, bounded tags, a depth gauge off the tree lock, no leak.</summary>
public class MetricsTests
{
    [Fact]
    public void TheTelemetryNames_AreQualified()
    {
        Assert.Equal("Actors.Kernel", ActorTelemetry.MeterName);
        Assert.Equal("Actors.Kernel", ActorTelemetry.ActivitySourceName);
    }

    [Fact]
    public async Task WithAMeterFactory_TheInstrumentsLiveOnTheFactorysMeter_WithConventionalNamesAndUnits()
    {
        using var factory = new TestMeterFactory();
        using var recorder = MetricRecorder.ForFactory(factory);
        await using (var t = new TestSystem(o => o.MeterFactory = factory))
        {
            var actor = t.System.Spawn<int>((ctx, m) => ValueTask.CompletedTask, new SpawnOptions { MetricLabel = "echo" });
            actor.Tell(1);
            actor.Complete();
            await actor.ActorTask.Completion.WithinAsync("the actor");
            recorder.RecordObservable();
        }

        Assert.Equal(
            ["actors.mailbox.depth", "actors.messages.dead_lettered", "actors.messages.processed", "actors.tasks.finished", "actors.tasks.started", "actors.turns.blocked"],
            recorder.Instruments.Keys.Order());
        Assert.All(recorder.Instruments.Values, i => Assert.Matches("^\\{[a-z]+\\}$", i.Unit));
        Assert.Equal(1, recorder.Total("actors.tasks.started", "actors.task.label", "echo"));
        Assert.Equal(1, recorder.Total("actors.tasks.finished", "actors.task.label", "echo"));
        Assert.Equal(1, recorder.Total("actors.messages.processed", "actors.task.label", "echo"));
    }

    [Fact]
    public async Task NoMeasurementCarriesAPath_OnlyBoundedTags()
    {
        using var factory = new TestMeterFactory();
        using var recorder = MetricRecorder.ForFactory(factory);
        await using var t = new TestSystem(o => o.MeterFactory = factory);
        for (var i = 0; i < 5; i++)
        {
            var actor = t.System.Spawn<int>((ctx, m) => ValueTask.CompletedTask, new SpawnOptions { Name = $"a{i}" });
            actor.Tell(i);
            actor.Complete();
            await actor.ActorTask.Completion.WithinAsync("the actor");
            actor.Tell(i);   // a dead letter
        }
        await t.System.Run(ctx => Task.CompletedTask).Completion.WithinAsync("a process");
        recorder.RecordObservable();

        string[] allowed = ["actors.system.name", "actors.task.kind", "actors.task.label", "actors.task.state", "actors.dead_letter.reason"];
        Assert.NotEmpty(recorder.TagKeys);
        Assert.All(recorder.TagKeys, key => Assert.Contains(key, allowed));
        Assert.DoesNotContain(recorder.TagValues, v => v.StartsWith('/'));
    }

    [Fact]
    public async Task BeyondAHundredLabels_FurtherOnesShareTheOverflowSeries()
    {
        using var factory = new TestMeterFactory();
        using var recorder = MetricRecorder.ForFactory(factory);
        await using var t = new TestSystem(o => o.MeterFactory = factory);
        for (var i = 0; i < 150; i++)
            await t.System.Run(ctx => Task.CompletedTask, new SpawnOptions { MetricLabel = $"label-{i}" }).Completion.WithinAsync("a process");

        Assert.Equal(50, recorder.Total("actors.tasks.started", "actors.task.label", "_overflow"));
        Assert.Equal(1, recorder.Total("actors.tasks.started", "actors.task.label", "label-99"));
        Assert.Equal(0, recorder.Total("actors.tasks.started", "actors.task.label", "label-100"));
    }

    [Fact]
    public async Task TheMailboxDepthGauge_IsReadWhileTheTreeLockIsHeld()
    {
        using var factory = new TestMeterFactory();
        using var recorder = MetricRecorder.ForFactory(factory);
        await using var t = new TestSystem(o => o.MeterFactory = factory);
        var busy = Signal.New();
        var release = Signal.New();
        var actor = t.System.Spawn<int>(async (ctx, m) =>
        {
            if (m != 0) return;
            busy.SetResult();
            await release.Task;
        });
        for (var i = 0; i < 3; i++) actor.Tell(i);
        await busy.Task.WithinAsync("the actor to be busy");

        var held = Signal.New();
        using var letGo = new ManualResetEventSlim();
        var holder = new Thread(() =>
        {
            lock (t.System.TreeLock)
            {
                held.SetResult();
                letGo.Wait();
            }
        });
        holder.Start();
        try
        {
            await held.Task.WithinAsync("the tree lock held by another thread");
            await Task.Run(recorder.RecordObservable).WithinAsync("a collection while the tree lock is held");
        }
        finally
        {
            letGo.Set();
            holder.Join();
        }
        Assert.Equal(2, recorder.Last("actors.mailbox.depth", "actors.task.kind", "handler"));
        release.SetResult();
    }

    [Fact]
    public async Task AFinishedSystemThatNobodyDisposed_IsCollected()
    {
        using var listener = new MeterListener();   // the instruments are listened to, as in a real host
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == ActorTelemetry.MeterName) l.EnableMeasurementEvents(instrument); };
        listener.Start();

        var dead = await RunAndForgetAsync();
        listener.RecordObservableInstruments();

        // Polled: thread-pool threads let go of the last work item's locals in their own time.
        await TestWaits.UntilAsync(() =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return !dead.TryGetTarget(out _);
        }, "the system to be collected");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference<ActorSystem>> RunAndForgetAsync()
    {
        var system = new ActorSystem();
        var actor = system.Spawn<int>((ctx, m) => ValueTask.CompletedTask);
        actor.Tell(1);
        actor.Complete();
        await actor.ActorTask.Completion.WaitAsync(TestSystem.Bound);
        await system.Completion.WaitAsync(TestSystem.Bound);
        return new WeakReference<ActorSystem>(system);
    }

}
