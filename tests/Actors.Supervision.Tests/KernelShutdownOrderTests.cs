using Actors.Tests;

namespace Actors.Supervision.Tests;

/// <summary>The kernel side of issue 7 item 18, seen through a real supervisor.</summary>
public class KernelShutdownOrderTests
{
    [Fact]
    public async Task Item18_AFreshSupervisorStopsWithTheSystemInEveryRoundWithoutBeingAbandoned()
    {
        for (var round = 0; round < 100; round++)
        {
            await using var t = new TestSystem();
            var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions());

            var stop = t.System.StopAsync(TimeSpan.FromSeconds(5));
            var done = await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(20)));

            Assert.True(done == stop, $"round {round}: the system stop never returned");
            await stop;
            Assert.True(sup.ActorTask.IsFinished);
            Assert.DoesNotContain(t.Logs, l => l.Message.Contains("Abandoned", StringComparison.Ordinal));
        }
    }
}
