using Actors.Tests;

namespace Actors.Supervision.Tests;

/// <summary>
/// Restarts without a delay (the default backoff) skip the Polly pipeline: each attempt is posted straight
/// to the supervisor's loop. The rules stay those of docs/supervision.md: the loop answers requests and stops
/// between attempts, the decider runs once per failure (failed starts counting against the intensity: Item13).
/// </summary>
public class ImmediateRestartTests
{
    [Fact]
    public async Task ACrashLoopingChild_WithNoDelay_LeavesTheLoopAnsweringRequests_AndIsTerminatedForGood()
    {
        for (var round = 0; round < 20; round++)
        {
            await using var t = new TestSystem();
            var starts = 0;
            var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
            {
                MaxRestarts = int.MaxValue,
                Children = [ChildSpec.Process("w", ctx =>
                {
                    Interlocked.Increment(ref starts);
                    return Task.FromException(new InvalidOperationException("crash at once"));
                })],
            });
            await TestWaits.UntilAsync(() => Volatile.Read(ref starts) > 20, "a restart storm");

            for (var i = 0; i < 5; i++)
                Assert.Equal(1, (await sup.CountChildrenAsync().WithinAsync("the loop answers between attempts")).Specs);
            Assert.Equal(ChildOperationResult.Ok, await sup.TerminateChildAsync("w").WithinAsync("terminate during the storm"));
            var after = Volatile.Read(ref starts);
            _ = await sup.CountChildrenAsync().WithinAsync("a round trip: any attempt queued before the terminate is handled");
            _ = await sup.CountChildrenAsync().WithinAsync("and another");

            Assert.Equal(after, Volatile.Read(ref starts));   // attempts of the ended sequence are refused
            Assert.Equal(ChildStatus.Terminated, (await sup.WhichChildrenAsync().WithinAsync("which")).Single().Status);
        }
    }

    [Fact]
    public async Task TwoHandlerChildrenCrashingTogether_EachFailureIsDecidedOnce()
    {
        const int Crashes = 200;
        await using var t = new TestSystem();
        var decisions = 0;
        var starts = new int[2];
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
        {
            MaxRestarts = int.MaxValue,
            Decider = _ => { Interlocked.Increment(ref decisions); return SupervisorDirective.Restart; },
            Children =
            [
                .. Enumerable.Range(0, 2).Select(n => ChildSpec.Handler<string>($"h{n}", () =>
                {
                    Interlocked.Increment(ref starts[n]);
                    return (_, m) => m == "boom" ? throw new InvalidOperationException("boom") : ValueTask.CompletedTask;
                })),
            ],
        });
        var refs = new[] { sup.Ref<string>("h0"), sup.Ref<string>("h1") };

        await Task.WhenAll(Enumerable.Range(0, 2).Select(n => Task.Run(async () =>
        {
            for (var i = 1; i <= Crashes; i++)
            {
                refs[n].Tell("boom");
                await TestWaits.UntilAsync(() => Volatile.Read(ref starts[n]) > i, $"h{n} restart {i}");
            }
        }))).WithinAsync("both children crash and come back, together");
        _ = await sup.CountChildrenAsync().WithinAsync("a round trip through the loop");

        Assert.Equal(2 * Crashes, Volatile.Read(ref decisions));
    }
}
