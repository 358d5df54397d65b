namespace Actors.Tests;

/// <summary>The ask idiom: a record is the question, the reply type is inferred, the handler answers through the message.</summary>
public class AskIdiomTests
{
    private interface ICounterMessage;

    private sealed record Add(int N) : ICounterMessage;

    private sealed record GetTotal : Request<int>, ICounterMessage;

    private sealed record AddAndGet(int N) : Request<int>, ICounterMessage;

    private sealed record Explode : Request<int>, ICounterMessage;

    /// <summary>The slot-in-the-constructor form, for hierarchies whose records need their own base.</summary>
    private sealed record Sub(int N, IReplyTo<int> ReplyTo) : ICounterMessage;

    private sealed record NotACounterMessage : Request<int>;

    private static IActorRef<ICounterMessage> Counter(ActorSystem system)
    {
        var total = 0;
        return system.Spawn<ICounterMessage>((ctx, msg) =>
        {
            switch (msg)
            {
                case Add add: total += add.N; break;
                case GetTotal get: get.Reply(total); break;
                case AddAndGet add: add.Reply(total += add.N); break;
                case Sub sub: sub.ReplyTo.Reply(total -= sub.N); break;
                case Explode: throw new InvalidOperationException("exploded");
            }
            return ValueTask.CompletedTask;
        }, new SpawnOptions { ResumeOn = _ => true });
    }

    [Fact]
    public async Task ARequestRecord_IsAskedInOneCall_TheReplyTypeInferred()
    {
        await using var t = new TestSystem();
        var counter = Counter(t.System);
        counter.Tell(new Add(5));

        int total = await counter.AskAsync(new AddAndGet(2)).WithinAsync("the answer");

        Assert.Equal(7, total);
        Assert.Equal(7, await counter.AskAsync(new GetTotal()).WithinAsync("the total"));
    }

    [Fact]
    public async Task TheSlotInTheConstructorForm_StillWorks()
    {
        await using var t = new TestSystem();
        var counter = Counter(t.System);
        counter.Tell(new Add(5));

        Assert.Equal(2, await counter.AskAsync<int>(r => new Sub(3, r)).WithinAsync("the answer"));
    }

    [Fact]
    public async Task ARequestThatWasToldNotAsked_HasNobodyToAnswer()
    {
        await using var t = new TestSystem();
        var told = new AddAndGet(1);
        var counter = Counter(t.System);

        counter.Tell(told);
        Assert.Equal(1, await counter.AskAsync(new GetTotal()).WithinAsync("the total"));

        Assert.False(told.IsAsked);
        Assert.False(told.Reply(1));
    }

    [Fact]
    public async Task AHandlerThatThrows_FailsTheAskWithItsOwnException()
    {
        await using var t = new TestSystem();
        var counter = Counter(t.System);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => counter.AskAsync(new Explode()).WithinAsync("the failure"));

        Assert.Equal("exploded", error.Message);
    }

    [Fact]
    public async Task ARequestIsAskedOnce()
    {
        await using var t = new TestSystem();
        var counter = Counter(t.System);
        var request = new GetTotal();
        await counter.AskAsync(request).WithinAsync("the first ask");

        var error = Assert.Throws<InvalidOperationException>(() => { _ = counter.AskAsync(request); });

        Assert.Contains("new request for each ask", error.Message);
    }

    [Fact]
    public async Task ARequestTheActorCannotReceive_IsRefusedWithTheTypeToImplement()
    {
        await using var t = new TestSystem();
        var counter = Counter(t.System);

        var error = Assert.Throws<ArgumentException>(() => { _ = counter.AskAsync(new NotACounterMessage()); });

        Assert.Contains("implement ICounterMessage", error.Message);
    }

    [Fact]
    public void EqualRequests_AreEqualWhetherAskedOrNot()
    {
        var asked = new AddAndGet(1);
        asked.Bind(new NullSlot());

        Assert.Equal(new AddAndGet(1), asked);
        Assert.Equal(new AddAndGet(1).GetHashCode(), asked.GetHashCode());
        Assert.NotEqual(new AddAndGet(2), asked);
    }

    private sealed class NullSlot : IReplyTo<int>
    {
        public bool Reply(int reply) => true;

        public bool Fail(Exception error) => true;
    }
}
