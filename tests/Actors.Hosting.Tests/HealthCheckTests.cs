using Actors.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Hosting.Tests;

public class HealthCheckTests
{
    [Fact]
    public async Task ATreeOfRunningActorsIsHealthy()
    {
        await using var host = await Start(a => a.AddActor<Gate>("gate"));

        var report = await Check(host);

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task AMailboxDeeperThanTheSetting_IsDegraded_AndTheDataNamesItsPath()
    {
        await using var host = await Start(a => a.AddActor<Gate>("gate"), new() { ["Actors:DegradedMailboxDepth"] = "5" });
        var gate = host.Services.GetRequiredService<IActorRef<TaskCompletionSource>>();
        var release = Signal.New();
        for (var i = 0; i < 10; i++) gate.Tell(release);   // the first holds the turn; nine wait
        await TestWaits.UntilAsync(() => host.System.Find("/gate")!.MailboxDepth >= 9, "the mailbox to fill");

        var report = await Check(host);
        release.SetResult();

        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Equal(["/gate"], (string[])report.Entries["actors"].Data["mailboxOverDepth"]);
    }

    [Fact]
    public async Task AHandlerReportedBlocking_IsDegraded()
    {
        await using var host = await Start(a => a.AddActor<Sleeper>("sleeper"), new() { ["Actors:BlockingThreshold"] = "00:00:00.050" });
        host.Services.GetRequiredService<IActorRef<int>>().Tell(200);
        await TestWaits.UntilAsync(() => host.Logs.Contains("held its thread"), "the blocking report");

        var report = await Check(host);

        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Equal(["/sleeper"], (string[])report.Entries["actors"].Data["blocking"]);
    }

    [Fact]
    public async Task AChildInARestartLoop_IsUnhealthy_AndTheDataNamesItsPath()
    {
        await using var host = await Start(a => a.AddSupervisor("loop", s =>
        {
            s.MaxRestarts = 100;
            s.AddActor<Crasher>("crasher");
        }));
        var crasher = host.Services.GetRequiredService<IActorRef<string>>();
        for (var i = 0; i < 3; i++)
        {
            var restarts = i;
            await TestWaits.UntilAsync(() => host.System.Find("/loop/crasher") is { IsFinished: false } t && RestartsOf(host) == restarts, "the child running again");
            crasher.Tell("crash");
        }
        await TestWaits.UntilAsync(() => RestartsOf(host) >= 3, "three restarts");

        var report = await Check(host);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(["/loop/crasher"], (string[])report.Entries["actors"].Data["restartLoop"]);
    }

    private static int RestartsOf(TestHost host) => host.System.Snapshot().Tasks.FirstOrDefault(t => t.Path == "/loop/crasher")?.Restarts ?? -1;

    private static Task<TestHost> Start(Action<ActorsBuilder> actors, Dictionary<string, string?>? settings = null) =>
        TestHost.StartAsync(actors, b => b.Services.AddHealthChecks().AddActorsHealthChecks(), settings);

    private static Task<HealthReport> Check(TestHost host) => host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WithinAsync("health check");

    public sealed class Gate : IActor<TaskCompletionSource>
    {
        public async ValueTask ReceiveAsync(ActorContext<TaskCompletionSource> context, TaskCompletionSource message) => await message.Task;
    }

    public sealed class Sleeper : IActor<int>
    {
        public ValueTask ReceiveAsync(ActorContext<int> context, int message)
        {
            Thread.Sleep(message);   // the blocking call under test
            return ValueTask.CompletedTask;
        }
    }

    public sealed class Crasher : IActor<string>
    {
        public ValueTask ReceiveAsync(ActorContext<string> context, string message) => throw new InvalidOperationException("crash on request");
    }
}
