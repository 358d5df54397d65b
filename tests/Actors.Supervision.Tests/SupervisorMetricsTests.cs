using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Actors.Tests;

namespace Actors.Supervision.Tests;

public class SupervisorMetricsTests
{
    [Fact]
    public async Task RestartsAndEscalationsAreCountedPerSupervisor()
    {
        var name = "metered-" + Guid.NewGuid().ToString("N");
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SupervisionTelemetry.MeterName && instrument.Name.StartsWith("actors.supervisor.", StringComparison.Ordinal)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "actors.supervisor.name" && (string?)tag.Value == name) counts.AddOrUpdate(instrument.Name, value, (_, v) => v + value);
        });
        listener.Start();

        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, name, new SupervisorOptions { MaxRestarts = 1, Children = [probe.Child("w")] });
        await probe.Log.WaitForAsync("start w");
        probe.Fail("w");
        await probe.Log.WaitForAsync("start w", 2);
        probe.Fail("w");
        await Assert.ThrowsAsync<RestartIntensityExceededException>(() => sup.ActorTask.Completion.WithinAsync("escalation"));

        Assert.Equal(1, counts.GetValueOrDefault("actors.supervisor.restarts"));
        Assert.Equal(1, counts.GetValueOrDefault("actors.supervisor.escalations"));
    }
}
