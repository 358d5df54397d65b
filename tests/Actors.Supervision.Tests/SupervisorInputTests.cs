using Actors.Tests;

namespace Actors.Supervision.Tests;

public class SupervisorInputTests
{
    private static ChildSpec Idle(string id) => ChildSpec.Process(id, ctx => Task.Delay(Timeout.Infinite, ctx.Cancellation));

    [Fact]
    public async Task DuplicateChildIds_AreRejectedNamingTheId()
    {
        await using var t = new TestSystem();
        var error = Assert.Throws<ArgumentException>(() => Supervisor.Start(t.System, "sup", new SupervisorOptions { Children = [Idle("a"), Idle("a")] }));
        Assert.Contains("'a'", error.Message);
    }

    [Fact]
    public async Task NegativeIntensityOrWindow_AreRejected()
    {
        await using var t = new TestSystem();
        Assert.Throws<ArgumentOutOfRangeException>(() => Supervisor.Start(t.System, "s1", new SupervisorOptions { MaxRestarts = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Supervisor.Start(t.System, "s2", new SupervisorOptions { Window = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Supervisor.Start(t.System, "s3", new SupervisorOptions { Window = TimeSpan.Zero }));
    }

    [Fact]
    public void InvalidChildIds_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => Idle(""));
        Assert.Throws<ArgumentException>(() => Idle("a/b"));
        Assert.Throws<ArgumentException>(() => Idle("$1"));
    }

    [Fact]
    public async Task FactoryReturningNull_FailsTheStartWithAMessageNamingTheChild()
    {
        await using var t = new TestSystem();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions { Children = [ChildSpec.Actor<int>("nully", () => null!)] });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sup.ActorTask.Completion.WithinAsync("start failure"));
        Assert.Contains("'nully'", error.Message);
    }

    [Fact]
    public async Task ResumeDirective_KeepsTheSameHandlerInstanceAfterAFailedMessage()
    {
        await using var t = new TestSystem();
        var handled = new List<int>();
        var done = Signal.New();
        var sup = Supervisor.Start(t.System, "sup", new SupervisorOptions
        {
            Decider = ex => ex is FormatException ? SupervisorDirective.Resume : SupervisorDirective.Restart,
            Children = [ChildSpec.Handler<int>("h", () => (ctx, m) =>
            {
                if (m < 0) throw new FormatException("bad input");
                handled.Add(m);
                if (m == 3) done.SetResult();
                return ValueTask.CompletedTask;
            })],
        });
        await TestWaits.UntilAsync(() => sup.Child("h") is not null, "child started");
        var h = sup.Child("h")!;
        var reference = h.Ref<int>();
        reference.Tell(1);
        reference.Tell(-1);
        reference.Tell(3);
        await done.Task.WithinAsync("third message");

        Assert.Equal([1, 3], handled);
        Assert.Same(h, sup.Child("h"));
        Assert.Equal(0, h.Restarts);
    }
}
