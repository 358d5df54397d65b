using System.Collections.Concurrent;

namespace Actors.Tests;

/// <summary>
/// The stop's synchronous path (children held on the stack, leaves that skip the child walk, a body's end
/// made final under one lock) and the sibling list whose first link points back at the last: many rounds
/// of the shapes that reach each branch, checked against the documented order and outcome.
/// </summary>
public class StopFastPathTests
{
    private const int Rounds = 30;

    private static readonly Func<ActorContext<int>, int, ValueTask> Idle = static (_, _) => ValueTask.CompletedTask;

    /// <summary>Records each parent's children in the order they finish, and every finish in one sequence.</summary>
    private sealed class ExitRecorder : IChildExitHandler
    {
        public ConcurrentQueue<ActorTask> Exited { get; } = new();

        public ConcurrentQueue<ActorTask> All { get; init; } = new();

        public bool OnChildExited(ActorTask child)
        {
            Exited.Enqueue(child);
            All.Enqueue(child);
            return false;
        }
    }

    [Fact]
    public async Task AMixedTree_StopsChildrenFirst_InReverseStartOrder_EachWaitedFor_OverManyRounds()
    {
        var random = new Random(8);
        for (var round = 0; round < Rounds; round++)
        {
            await using var t = new TestSystem();
            var all = new ConcurrentQueue<ActorTask>();
            var recorders = new Dictionary<ActorTask, (ExitRecorder Recorder, List<ActorTask> Children)>();
            var cleanups = new ConcurrentQueue<ActorTask>();
            var early = new ConcurrentQueue<ActorTask>();
            var topRecorder = new ExitRecorder { All = all };
            var top = t.System.Spawn(Idle, new SpawnOptions { ChildExitHandler = topRecorder }).ActorTask;
            recorders[top] = (topRecorder, []);
            var level = new List<ActorTask> { top };
            for (var depth = 0; depth < 3; depth++)
            {
                var next = new List<ActorTask>();
                foreach (var parent in level)
                {
                    var count = random.Next(0, 13);   // past the 8-slot buffer now and then
                    for (var i = 0; i < count; i++)
                    {
                        var recorder = new ExitRecorder { All = all };
                        ActorTask child;
                        if (random.Next(4) == 0)
                        {
                            // A process whose cleanup awaits: its parent's walk has to go async in the middle.
                            var ready = Signal.New();
                            child = parent.Run(async ctx =>
                            {
                                try
                                {
                                    ready.SetResult();
                                    await Task.Delay(Timeout.Infinite, ctx.Cancellation);
                                }
                                finally
                                {
                                    if (ctx.Self.Children.Count > 0) early.Enqueue(ctx.Self);   // its token came before its children had stopped
                                    await Task.Yield();
                                    cleanups.Enqueue(ctx.Self);
                                }
                            }, new SpawnOptions { ChildExitHandler = recorder });
                            await ready.Task.WithinAsync("process started");
                        }
                        else child = parent.Spawn(Idle, new SpawnOptions { ChildExitHandler = recorder }).ActorTask;
                        recorders[parent].Children.Add(child);
                        recorders[child] = (recorder, []);
                        next.Add(child);
                    }
                }
                level = next;
            }

            await top.StopAsync().WithinAsync("the tree stopped");

            Assert.Equal(ActorTaskState.Stopped, top.State);
            await TestWaits.UntilAsync(() => all.Count == recorders.Count - 1, "every parent was told");   // a process's notice may trail its final state
            var finishedAt = all.Select((task, index) => (task, index)).ToDictionary(x => x.task, x => x.index);
            foreach (var (node, (recorder, children)) in recorders)
            {
                Assert.Equal(ActorTaskState.Stopped, node.State);
                // An idle actor finishes on the stopping thread, so its parent hears in stop order: last started first,
                // one after the other. (A process's notice comes from its own thread, just after it is final.)
                static bool IsIdle(ActorTask task) => task.BodyKind == ActorBodyKind.Handler;
                Assert.Equal(Enumerable.Reverse(children).Where(IsIdle), recorder.Exited.Where(IsIdle));
                foreach (var child in children)
                    foreach (var grandchild in recorders[child].Children.Where(IsIdle))
                        Assert.True(finishedAt[grandchild] < finishedAt[child], "a child finishes before its parent");
            }
            Assert.Equal(recorders.Keys.Count(k => k.BodyKind == ActorBodyKind.Process), cleanups.Count);   // every finally ran
            Assert.Empty(early);   // children first, then the body's cancellation
            Assert.DoesNotContain(t.System.Snapshot().Tasks, i => i.Depth > 0);
        }
    }

    [Theory]
    [InlineData(ActorBodyKind.Handler)]
    [InlineData(ActorBodyKind.Process)]
    public async Task AStopRacingABodyThatSpawns_StopsEveryChildBeforeTheStopCompletes(ActorBodyKind kind)
    {
        for (var round = 0; round < Rounds * 10; round++)
        {
            await using var t = new TestSystem();
            var spawned = new ConcurrentQueue<ActorTask>();
            var busy = Signal.New();
            void SpawnOne(ActorContext ctx)
            {
                try { spawned.Enqueue(ctx.Spawn(Idle).ActorTask); }
                catch (InvalidOperationException) { /* the body ended: no new children */ }
                busy.TrySetResult();
            }
            ActorTask task;
            if (kind == ActorBodyKind.Handler)
            {
                var actor = t.System.Spawn<int>((ctx, _) =>
                {
                    SpawnOne(ctx);
                    return ValueTask.CompletedTask;
                });
                for (var i = 0; i < 50; i++) actor.Tell(i);
                task = actor.ActorTask;
            }
            else
            {
                task = t.System.Run(async ctx =>
                {
                    while (!ctx.Cancellation.IsCancellationRequested)
                    {
                        SpawnOne(ctx);
                        await Task.Yield();
                    }
                });
            }
            await busy.Task.WithinAsync("the body is spawning");

            await task.StopAsync().WithinAsync("the task stopped");

            Assert.True(task.IsFinished);
            Assert.All(spawned, child => Assert.Equal(ActorTaskState.Stopped, child.State));
            Assert.Empty(task.Children);
        }
    }

    [Fact]
    public async Task SiblingLinks_KeepStartOrder_WhileChildrenFinishAndSpawnConcurrently()
    {
        var random = new Random(80);
        for (var round = 0; round < Rounds; round++)
        {
            await using var t = new TestSystem();
            var parent = t.System.Spawn(Idle).ActorTask;
            var children = new List<IActorRef<int>>();
            var victims = new List<ActorTask>();
            for (var i = 0; i < 40; i++)
            {
                children.Add(parent.Spawn(Idle, new SpawnOptions { Name = $"c{i:D3}" }));
                var running = children.Where(c => !c.ActorTask.IsFinished).ToList();
                switch (random.Next(5))
                {
                    case 0:   // the last leaves: the first's back link must move to the one before it
                        running[^1].Complete();
                        await running[^1].ActorTask.WhenFinishedAsync().WithinAsync("the last child finished");
                        break;
                    case 1:   // the first leaves: the next one becomes first and keeps the back link
                        running[0].Complete();
                        await running[0].ActorTask.WhenFinishedAsync().WithinAsync("the first child finished");
                        break;
                    case 2:   // any one leaves while later siblings are being linked
                        var victim = running[random.Next(running.Count)];
                        victims.Add(victim.ActorTask);
                        _ = Task.Run(victim.Complete);
                        break;
                }
            }
            await Task.WhenAll(victims.Select(v => v.WhenFinishedAsync())).WithinAsync("the completed children finished");

            var listed = parent.Children.Select(c => c.Name!).ToList();
            Assert.Equal(listed.Order(StringComparer.Ordinal), listed);   // start order kept
            Assert.Equal(children.Where(c => !c.ActorTask.IsFinished).Select(c => c.ActorTask.Name!), listed);
            var snapshot = t.System.Snapshot().Tasks.Where(i => i.Depth == 2).Select(i => i.Name!).ToList();
            Assert.Equal(listed, snapshot);   // the snapshot walks the same links, first to last

            await parent.StopAsync().WithinAsync("the parent stopped");
            Assert.All(children, c => Assert.True(c.ActorTask.IsFinished));
            Assert.Empty(parent.Children);
        }
    }
}
