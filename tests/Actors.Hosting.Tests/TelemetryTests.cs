using System.Diagnostics;
using Actors.Tests;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Actors.Hosting.Tests;

public class TelemetryTests
{
    [Fact]
    public async Task TheInMemoryExporterSeesAMessageSpanLinkedAcrossTwoActors_AndTheRestartCounter()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddActorsInstrumentation().AddInMemoryExporter(spans).Build();
        using var metering = Sdk.CreateMeterProviderBuilder().AddActorsInstrumentation().AddInMemoryExporter(metrics).Build();
        var done = Signal.New();
        await using var host = await TestHost.StartAsync(
            a => a.AddActor<Front>("otel-front").AddActor<Back>("otel-back")
                  .AddSupervisor("otel-sup", s => s.AddActor<HealthCheckTests.Crasher>("crasher")),
            b => b.Services.AddSingleton(done),
            new() { ["Actors:MessageTraceSampling"] = "1" });

        host.Services.GetRequiredKeyedService<IActorRef<string>>("otel-front").Tell("hello");
        await done.Task.WithinAsync("the message to pass both actors");
        host.Services.GetRequiredKeyedService<IActorRef<string>>("crasher").Tell("crash");
        await TestWaits.UntilAsync(() => host.System.Snapshot().Tasks.Any(t => t.Path == "/otel-sup/crasher" && t.Restarts == 1), "the restart");

        Activity? front = null, back = null;
        await TestWaits.UntilAsync(() =>
        {
            tracing.ForceFlush();
            lock (spans)
            {
                front = spans.FirstOrDefault(s => s.OperationName == "actor.message" && (string?)s.GetTagItem("actors.path") == "/otel-front");
                back = spans.FirstOrDefault(s => s.OperationName == "actor.message" && (string?)s.GetTagItem("actors.path") == "/otel-back");
            }
            return front is not null && back is not null;
        }, "both message spans exported");
        Assert.Equal(front!.TraceId, back!.TraceId);
        Assert.Equal(front.SpanId, back.ParentSpanId);

        long restarts = 0;
        await TestWaits.UntilAsync(() =>
        {
            metering.ForceFlush();
            restarts = metrics.Where(m => m.Name == "actors.supervisor.restarts").SelectMany(Points)
                .Where(p => Tag(p, "actors.supervisor.name") == "otel-sup").Sum(p => p.GetSumLong());
            return restarts >= 1;
        }, "the restart counted");
        Assert.Equal(1, restarts);
    }

    private static IEnumerable<MetricPoint> Points(Metric metric)
    {
        foreach (ref readonly var point in metric.GetMetricPoints()) yield return point;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags) if (tag.Key == key) return tag.Value as string;
        return null;
    }

    public sealed record Forwarded(string Text);

    public sealed class Front(IActorRef<Forwarded> back) : IActor<string>
    {
        public ValueTask ReceiveAsync(ActorContext<string> context, string message)
        {
            back.Tell(new Forwarded(message));
            return ValueTask.CompletedTask;
        }
    }

    public sealed class Back(TaskCompletionSource done) : IActor<Forwarded>
    {
        public ValueTask ReceiveAsync(ActorContext<Forwarded> context, Forwarded message)
        {
            done.TrySetResult();
            return ValueTask.CompletedTask;
        }
    }
}
