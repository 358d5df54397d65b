using System.Runtime.CompilerServices;

namespace Actors.Tests;

public class TaskGroupTests
{
    [Fact]
    public async Task WaitAllWaitsForEveryMemberThenRethrowsTheFirstFailureInFinishOrder()
    {
        await using var t = new TestSystem();
        var group = new TaskGroup(t.System.Root);
        var gates = new[] { Signal.New(), Signal.New(), Signal.New() };
        var a = group.Run(async ctx =>
        {
            await gates[0].Task.WaitAsync(ctx.Cancellation);
            throw new InvalidOperationException("a failed");
        });
        var b = group.Run(async ctx =>
        {
            await gates[1].Task.WaitAsync(ctx.Cancellation);
            throw new FormatException("b failed");
        });
        var c = group.Run(async ctx =>
        {
            await gates[2].Task.WaitAsync(ctx.Cancellation);
            return "c done";
        });
        var waitAll = group.WaitAllAsync();

        gates[1].SetResult();                                                  // b fails first
        await TestWaits.UntilAsync(() => group.Running == 2, "b to finish in the group");
        gates[0].SetResult();                                                  // then a
        await TestWaits.UntilAsync(() => group.Running == 1, "a to finish in the group");
        Assert.False(waitAll.IsCompleted);                                     // c still runs
        gates[2].SetResult();

        var error = await Assert.ThrowsAsync<FormatException>(() => waitAll.WithinAsync("every member"));
        Assert.Equal("b failed", error.Message);
        Assert.Equal(ActorTaskState.Completed, c.State);
        Assert.Equal(ActorTaskState.Failed, a.State);
        Assert.Equal(ActorTaskState.Failed, b.State);
        Assert.Empty(group.Tasks);   // finished members leave the group
    }

    [Fact]
    public async Task WaitAllRethrowsTheFailureWithItsOriginalStackTrace()
    {
        await using var t = new TestSystem();
        var group = new TaskGroup(t.System.Root);
        _ = group.Run(ctx => Task.Run(FailInMember));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => group.WaitAllAsync().WithinAsync("the member"));

        Assert.Contains(nameof(FailInMember), error.StackTrace);
    }

    [Fact]
    public async Task SeveralCallersWaitingWhileTheGroupIsStoppedAllCompleteWithoutAFailure()
    {
        await using var t = new TestSystem();
        var group = new TaskGroup(t.System.Root);
        var started = new[] { Signal.New(), Signal.New(), Signal.New() };
        for (var i = 0; i < 3; i++)
        {
            var mine = started[i];
            _ = group.Run(async ctx =>
            {
                mine.SetResult();
                await Task.Delay(Timeout.Infinite, ctx.Cancellation);
            });
        }
        await Task.WhenAll(started.Select(s => s.Task)).WithinAsync("every member running");
        var waiters = Enumerable.Range(0, 3).Select(_ => group.WaitAllAsync()).ToArray();
        Assert.All(waiters, w => Assert.False(w.IsCompleted));

        await group.StopAllAsync().WithinAsync("the group stopping");

        await Task.WhenAll(waiters).WithinAsync("every waiter");   // stopped members are not failures
        Assert.All(group.Tasks, m => Assert.Equal(ActorTaskState.Stopped, m.State));
        Assert.Equal(0, group.Running);
    }

    [Fact]
    public async Task FinishedAsyncYieldsTheFirstMembersInTheOrderTheyFinished()
    {
        await using var t = new TestSystem();
        var group = new TaskGroup(t.System.Root);
        var gates = Enumerable.Range(0, 4).Select(_ => Signal.New()).ToArray();
        var members = gates.Select(gate => group.Run(async ctx =>
        {
            await gate.Task.WaitAsync(ctx.Cancellation);
        })).ToArray();
        var firstTwo = CollectAsync(group.FinishedAsync(first: 2));

        gates[2].SetResult();
        await TestWaits.UntilAsync(() => group.Running == 3, "member 2 to finish");
        Assert.False(firstTwo.IsCompleted);
        gates[0].SetResult();

        Assert.Equal([members[2], members[0]], await firstTwo.WithinAsync("the first two members"));
        var rest = CollectAsync(group.FinishedAsync());
        gates[3].SetResult();
        gates[1].SetResult();
        Assert.Equal(2, (await rest.WithinAsync("the rest")).Count);   // members that finished before the enumeration have left
        await group.WaitAllAsync().WithinAsync("the rest");
        Assert.Empty(await CollectAsync(group.FinishedAsync()).WithinAsync("an empty group"));
    }

    [Fact]
    public async Task TransientMembersAreNotWaitedFor()
    {
        await using var t = new TestSystem();
        var parent = t.System.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation));   // keeps the transient member from being stopped as the last top-level work ends
        var group = new TaskGroup(parent);
        var background = group.Run(ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation), new SpawnOptions { Lifetime = ActorLifetime.Transient });
        var gate = Signal.New();
        var work = group.Run(async ctx => await gate.Task.WaitAsync(ctx.Cancellation));

        var waitAll = group.WaitAllAsync();
        Assert.False(waitAll.IsCompleted);
        gate.SetResult();
        await waitAll.WithinAsync("the normal member");

        Assert.Equal(ActorTaskState.Completed, work.State);
        Assert.False(background.IsFinished);
        Assert.Equal(ActorTaskState.Running, background.State);
    }

    [Fact]
    public async Task FailuresInAGroupAreNotLoggedAsUnobserved()
    {
        await using var t = new TestSystem();
        var group = new TaskGroup(t.System.Root);
        var gate = Signal.New();
        for (var i = 0; i < 20; i++)
        {
            var n = i;
            _ = group.Run(async ctx =>
            {
                await gate.Task.WaitAsync(ctx.Cancellation);
                throw new InvalidOperationException($"member {n} failed");
            });
        }
        gate.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => group.WaitAllAsync().WithinAsync("the members"));

        Assert.All(group.Tasks, m => Assert.Equal(ActorTaskState.Failed, m.State));
        Assert.DoesNotContain(t.Logs, l => l.Level == LogLevel.Error);
    }

    [Fact]
    public async Task MembersThatFailAtOnceAreNotLoggedAsUnobservedEither()
    {
        await using var t = new TestSystem();
        var group = new TaskGroup(t.System.Root);
        var spawners = Enumerable.Range(0, 4).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                var n = i;
                _ = group.Run(ctx => Task.FromException(new InvalidOperationException($"member {s}.{n} failed")));
            }
        }));
        await Task.WhenAll(spawners).WithinAsync("the spawners");

        await Assert.ThrowsAsync<InvalidOperationException>(() => group.WaitAllAsync().WithinAsync("the members"));

        Assert.DoesNotContain(t.Logs, l => l.Level == LogLevel.Error);
    }

    [Fact]
    public async Task AGroupRunSpawnsUnderItsParent()
    {
        await using var t = new TestSystem();
        var children = Signal.New<(ActorTask Parent, ActorTask Child)>();
        var parent = t.System.Run(async ctx =>
        {
            var group = new TaskGroup(ctx.Self);
            var child = group.Run(c => Task.Delay(Timeout.Infinite, c.Cancellation));
            children.SetResult((ctx.Self, child));
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        });
        var (self, member) = await children.Task.WithinAsync("the member");
        Assert.Same(parent, self);
        Assert.Same(parent, member.Parent);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FailInMember() => throw new InvalidOperationException("member failed");

    private static async Task<List<ActorTask>> CollectAsync(IAsyncEnumerable<ActorTask> tasks)
    {
        var list = new List<ActorTask>();
        await foreach (var task in tasks) list.Add(task);
        return list;
    }
}
