namespace Actors.Tests;

/// <summary>One spawn surface: a spec, one core method per spawner, the shapes as extensions.</summary>
public class SpawnSurfaceTests
{
    [Fact]
    public async Task OneSpec_SpawnsOnEverySpawner_EachSpawnANewTask()
    {
        await using var t = new TestSystem();
        var spec = ActorSpec.Process(ctx => Task.FromResult(ctx.Self.Parent!.Path));

        var top = t.System.Spawn(spec);
        var parent = t.System.Run(async ctx =>
        {
            var fromContext = ctx.Spawn(spec);
            var fromTask = ctx.Self.Spawn(spec);
            var group = new TaskGroup(ctx.Self);
            var fromGroup = group.Spawn(spec);
            return new[] { await fromContext.Completion, await fromTask.Completion, await fromGroup.Completion };
        }, new SpawnOptions { Name = "parent" });

        Assert.Equal("/", await top.Completion.WithinAsync("the top-level spawn"));
        Assert.Equal(["/parent", "/parent", "/parent"], await parent.Completion.WithinAsync("the children"));
    }

    [Fact]
    public async Task ASpecKeepsItsOptions()
    {
        await using var t = new TestSystem();
        var spec = ActorSpec.Handler<int>((ctx, m) => ValueTask.CompletedTask, new SpawnOptions { Name = "named", Label = "from a spec" });

        var actor = t.System.Spawn(spec);

        Assert.Equal("/named", actor.ActorTask.Path);
        Assert.Equal("from a spec", actor.ActorTask.Label);
        Assert.Equal(ActorBodyKind.Handler, spec.BodyKind);
    }

    [Fact]
    public async Task AGroup_TracksEveryShape_NotOnlyProcesses()
    {
        await using var t = new TestSystem();
        var group = new TaskGroup(t.System.Root);

        var actor = group.Spawn<int>((ctx, m) => ValueTask.CompletedTask);
        var process = group.RunWithMailbox<string>(async ctx => await ctx.ReceiveAsync(ctx.Cancellation));
        Assert.Equal([actor.ActorTask, process.ActorTask], group.Tasks);

        actor.Complete();
        process.Tell("done");
        await group.WaitAllAsync().WithinAsync("every member");

        Assert.Equal(ActorTaskState.Completed, actor.ActorTask.State);
        Assert.Equal(ActorTaskState.Completed, process.ActorTask.State);
        Assert.Empty(group.Tasks);   // finished members leave the group
    }

    [Fact]
    public void ANullSpec_IsRefused()
    {
        var system = new ActorSystem();
        Assert.Throws<ArgumentNullException>(() => system.Spawn<ActorTask>(null!));
        Assert.Throws<ArgumentNullException>(() => ActorSpec.Handler<int>((Func<ActorContext<int>, int, ValueTask>)null!));
    }

    [Fact]
    public async Task AFireAndForgetSpawnInAnAsyncBody_NeedsNoDiscard()
    {
        await using var t = new TestSystem();
        var ran = Signal.New();
        var parent = t.System.Run(async ctx =>
        {
            ctx.Run(c => { ran.SetResult(); return Task.CompletedTask; });   // a handle: no CS4014 (warnings are errors here)
            ctx.Spawn<int>((c, m) => ValueTask.CompletedTask).Complete();
            await ctx.WaitForChildrenAsync(ctx.Cancellation);
        });

        await ran.Task.WithinAsync("the fire-and-forget child");
        await parent.Completion.WithinAsync("the parent");
    }

    [Fact]
    public async Task AReference_GivesItsNodeAsActorTask_AndWaitingIsThroughCompletion()
    {
        await using var t = new TestSystem();
        var actor = t.System.Spawn<int>((ctx, m) => ValueTask.CompletedTask, new SpawnOptions { Name = "node" });
        actor.Complete();

        await actor.ActorTask.Completion.WithinAsync("the actor");
        Assert.Equal("/node", actor.ActorTask.Path);
        Assert.Same(actor, actor.ActorTask.Ref<int>());
    }
}
