using Actors.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.Hosting.Tests;

public class LoggingTests
{
    [Fact]
    public async Task KernelAndSupervisionLinesReachTheHostsILogger_WithACategoryPerSubsystemAndThePathAsAProperty()
    {
        await using var host = await TestHost.StartAsync(
            a => a.AddSupervisor("jobs", s => s.AddActor<HealthCheckTests.Crasher>("crasher")).AddActor<HealthCheckTests.Sleeper>("sleeper"),
            settings: new() { ["Actors:BlockingThreshold"] = "00:00:00.050" });
        host.Services.GetRequiredService<IActorRef<string>>().Tell("crash");
        host.Services.GetRequiredService<IActorRef<int>>().Tell(100);

        await TestWaits.UntilAsync(() => host.Logs.Lines.Any(l => l.Category.StartsWith("Actors.Supervision", StringComparison.Ordinal))
            && host.Logs.Lines.Any(IsSleeperBlocked), "supervision and messaging lines");

        var restart = host.Logs.Lines.First(l => l.Category.StartsWith("Actors.Supervision", StringComparison.Ordinal));
        Assert.NotEqual(0, restart.EventId.Id);
        Assert.True(restart.State.ContainsKey("ActorPath"), "the path is a structured property");
        var blocked = host.Logs.Lines.First(IsSleeperBlocked);   // on a loaded machine other turns may be reported too
        Assert.Equal(23, blocked.EventId.Id);
        Assert.Equal(LogLevel.Warning, blocked.Level);
    }

    private static bool IsSleeperBlocked(LogCapture.LogLine line) =>
        line.Category == "Actors.Messaging" && line.EventId.Name == "TurnBlocked" && Equals(line.State.GetValueOrDefault("ActorPath"), "/sleeper");
}
