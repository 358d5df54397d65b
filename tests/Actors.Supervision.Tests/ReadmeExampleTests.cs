using Actors.Tests;

namespace Actors.Supervision.Tests;

/// <summary>The README's examples, kept compiling and true.</summary>
public class ReadmeExampleTests
{
    private interface ICounterMessage { }

    private sealed record Add(int N) : ICounterMessage;

    private sealed record GetTotal : Request<int>, ICounterMessage;

    [Fact]
    public async Task TheReadmeTasteRunsAsWritten()
    {
        await using var system = new ActorSystem();

        var total = 0;
        var counter = system.Spawn<ICounterMessage>((ctx, msg) =>
        {
            switch (msg)
            {
                case Add add: total += add.N; break;
                case GetTotal get: get.Reply(total); break;
            }
            return ValueTask.CompletedTask;
        }, new SpawnOptions { Name = "counter" });
        counter.Tell(new Add(5));
        counter.Tell(new Add(2));
        Assert.Equal(7, await counter.AskAsync(new GetTotal()).WithinAsync("ask"));

        var stopped = new List<string>();
        var started = new CountdownEvent(3);
        var server = system.Run(async ctx =>
        {
            for (var i = 0; i < 3; i++)
                ctx.Run(async c =>
                {
                    try { started.Signal(); await Task.Delay(Timeout.Infinite, c.Cancellation); }
                    finally { lock (stopped) stopped.Add(c.Self.Name!); }
                }, new SpawnOptions { Name = $"conn-{i}", Timeout = Timeout.InfiniteTimeSpan });
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        }, new SpawnOptions { Name = "server", Timeout = Timeout.InfiniteTimeSpan });
        await Task.Run(() => started.Wait(TestSystem.Bound)).WithinAsync("connections");
        Assert.Contains(system.Snapshot().Tasks, t => t.Path == "/server/conn-2");
        await server.StopAsync().WithinAsync("stop");
        Assert.Equal(["conn-2", "conn-1", "conn-0"], stopped);

        var counterSpec = ChildSpec.Handler<(int Add, IReplyTo<int> Reply)>("counter", () =>
        {
            var sum = 0;
            return (ctx, msg) =>
            {
                if (msg.Add < 0) throw new ArgumentOutOfRangeException(nameof(msg));
                msg.Reply.Reply(sum += msg.Add);
                return ValueTask.CompletedTask;
            };
        });
        var sup = Supervisor.Start(system, "jobs", new SupervisorOptions
        {
            Strategy = SupervisionStrategy.OneForOne,
            MaxRestarts = 3, Window = TimeSpan.FromSeconds(5),
            Children =
            [
                counterSpec,
                ChildSpec.Process("poller", async ctx =>
                {
                    while (true) await Task.Delay(1000, ctx.Cancellation);
                }),
            ],
        });

        var sums = sup.Ref(counterSpec);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sums.AskAsync<int>(reply => (-1, reply)).WithinAsync("the crashing ask"));
        Assert.Equal(2, await sums.AskAsync<int>(reply => (2, reply)).WithinAsync("the ask after the restart"));
        Assert.Equal(new ChildCounts(2, 2, 0, 2), await sup.CountChildrenAsync().WithinAsync("count"));
    }
}
