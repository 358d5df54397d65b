using Actors.Tests;

namespace Actors.Supervision.Tests;

/// <summary>Supervisors log under <c>Actors.Supervision</c> with the supervisor's path and the child's id as properties.</summary>
public class SupervisionLoggingTests
{
    [Fact]
    public async Task ARestart_IsLoggedUnderActorsSupervision_WithPathAndChildId()
    {
        await using var t = new TestSystem();
        var probe = new Probe();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { Children = [probe.Child("w")] });
        await probe.Log.WaitForAsync("start w");
        probe.Fail("w");
        await probe.Log.WaitForAsync("start w", 2);
        await TestWaits.UntilAsync(() => t.Logs.Any(l => l.EventId.Name == "ChildRestarting"), "the restart line");

        var entry = Assert.Single(t.Logs, l => l.EventId.Name == "ChildRestarting");
        Assert.Equal("Actors.Supervision", entry.Category);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("/sup", entry.Path);
        Assert.Contains(entry.Properties, p => p.Key == "ChildId" && (string?)p.Value == "w");
        Assert.NotNull(entry.Exception);
        GC.KeepAlive(sup);
    }
}
