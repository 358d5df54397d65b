using System.Collections.Concurrent;

namespace Actors.Cluster.Tests;

[Collection(NatsCollection.Name)]
public sealed class RemoteRefTests(NatsServerFixture server)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TellAndAsk_ReachAnActorOnAnotherNode_AndTheReplyComesBack()
    {
        await using var cluster = await Cluster3.StartAsync(server);
        var counter = Cluster3.SpawnCounter(cluster.B.System);
        await cluster.B.RegisterAsync("counter", counter);

        var remote = await cluster.A.LookupAsync<CounterMsg>("counter");
        Assert.NotNull(remote);
        remote.Tell(new Add(2));
        Assert.True(remote.TryTell(new Add(3)));
        var total = await remote.AskAsync<int>(r => new Get(r)).WaitAsync(Bound);

        Assert.Equal(5, total);
    }

    [Fact]
    public async Task ARefInsideAMessage_ReachesTheSendersLocalActor_AndComesBackAsTheLocalRef()
    {
        await using var cluster = await Cluster3.StartAsync(server);
        IActorRef<Seen>? echoed = null;
        var publisher = cluster.B.System.Spawn<CounterMsg>((ctx, msg) =>
        {
            if (msg is Subscribe sub)
            {
                echoed = sub.Listener;
                sub.Listener.Tell(new Seen("b"));
            }
            return ValueTask.CompletedTask;
        });
        await cluster.B.RegisterAsync("publisher", publisher);
        var seen = new TaskCompletionSource<Seen>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = cluster.A.System.Spawn<Seen>((_, s) => { seen.TrySetResult(s); return ValueTask.CompletedTask; });
        var remote = (await cluster.A.LookupAsync<CounterMsg>("publisher"))!;

        remote.Tell(new Subscribe(listener));

        Assert.Equal(new Seen("b"), await seen.Task.WaitAsync(Bound));
        Assert.NotNull(echoed);
        Assert.NotSame(listener, echoed);   // on b it is a remote reference to a's actor
    }

    [Fact]
    public async Task Tells_FromOneSender_ArriveInTheOrderSent()
    {
        await using var cluster = await Cluster3.StartAsync(server);
        var adds = new ConcurrentQueue<int>();
        await cluster.C.RegisterAsync("ordered", Cluster3.SpawnCounter(cluster.C.System, adds));
        var remote = (await cluster.A.LookupAsync<CounterMsg>("ordered"))!;

        const int count = 5_000;
        for (var i = 1; i <= count; i++) remote.Tell(new Add(i));
        await remote.AskAsync<int>(r => new Get(r)).WaitAsync(Bound);   // handled after every earlier tell

        Assert.Equal(Enumerable.Range(1, count), adds);
    }

    [Fact]
    public async Task Tell_FromConcurrentSenders_KeepsEachSendersOrder_WhetherPublishedInlineOrQueued()
    {
        await using var cluster = await Cluster3.StartAsync(server);
        var adds = new ConcurrentQueue<int>();
        await cluster.C.RegisterAsync("ordered", Cluster3.SpawnCounter(cluster.C.System, adds));
        var remote = (await cluster.A.LookupAsync<CounterMsg>("ordered"))!;

        // Four threads at once on two cores, started together: a thread preempted while it publishes leaves the others
        // to queue their frames, and a sender's next frame must not overtake its own queued one.
        const int senders = 4, count = 20_000;
        using var start = new Barrier(senders);
        await Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait(Bound);
            for (var i = 1; i <= count; i++)
            {
                var sent = remote.SendAsync(new Add(s * 1_000_000 + i));   // waits only when the outbound queue is full
                if (!sent.IsCompletedSuccessfully) sent.AsTask().Wait(Bound);
                if (i % 16 == 0) Thread.Sleep(0);   // let the queue run dry now and then, so frames switch between inline and queued
            }
        }, TaskCreationOptions.LongRunning))).WaitAsync(Bound);
        await remote.AskAsync<int>(r => new Get(r)).WaitAsync(Bound);   // handled after every earlier tell

        for (var s = 0; s < senders; s++)
            Assert.Equal(Enumerable.Range(1, count), adds.Where(n => n / 1_000_000 == s).Select(n => n % 1_000_000));
    }

    [Fact]
    public async Task Ask_WhenTheRemoteHandlerThrows_FailsWithTheRemoteExceptionsTypeAndMessage()
    {
        await using var cluster = await Cluster3.StartAsync(server);
        var counter = cluster.B.System.Spawn<CounterMsg>((ctx, msg) => msg is Boom ? throw new InvalidOperationException("boom") : ValueTask.CompletedTask,
            new SpawnOptions { ResumeOn = _ => true });
        await cluster.B.RegisterAsync("boomer", counter);
        var remote = (await cluster.A.LookupAsync<CounterMsg>("boomer"))!;

        var error = await Assert.ThrowsAsync<RemoteActorException>(() => remote.AskAsync<int>(r => new Boom(r)).WaitAsync(Bound));

        Assert.Equal(typeof(InvalidOperationException).FullName, error.RemoteType);
        Assert.Contains("boom", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_WithNoReply_TimesOutAtItsDeadline()
    {
        await using var cluster = await Cluster3.StartAsync(server);
        var silent = cluster.B.System.Spawn<CounterMsg>((_, _) => ValueTask.CompletedTask);
        await cluster.B.RegisterAsync("silent", silent);
        var remote = (await cluster.A.LookupAsync<CounterMsg>("silent"))!;

        await Assert.ThrowsAsync<ActorTimeoutException>(() => remote.AskAsync<int>(r => new Get(r), TimeSpan.FromMilliseconds(300)).WaitAsync(Bound));
    }

    [Fact]
    public async Task Tell_OfAnOversizedMessage_IsDeadLetteredAsTooLarge_AndLaterMessagesStillArrive()
    {
        await using var cluster = await Cluster3.StartAsync(server);
        await cluster.B.RegisterAsync("sized", Cluster3.SpawnCounter(cluster.B.System));
        var remote = (await cluster.A.LookupAsync<CounterMsg>("sized"))!;
        var letters = new ConcurrentQueue<DeadLetter>();
        using var _ = cluster.A.System.DeadLetters.Subscribe(letters.Enqueue);

        Assert.False(remote.TryTell(new Blob(new string('x', cluster.A.Options.MaxMessageBytes + 1))));
        remote.Tell(new Add(7));

        Assert.Contains(letters, l => l.Reason == DeadLetterReason.TooLarge && l.Message is Blob);
        Assert.Equal(7, await remote.AskAsync<int>(r => new Get(r)).WaitAsync(Bound));
    }

    [Fact]
    public void Start_WithNoSerializers_ThrowsSayingWhatToAdd()
    {
        var options = new ClusterOptions { NodeId = "x" };
        var error = Assert.Throws<ArgumentException>(() => ClusterNode.StartAsync(new ActorSystem(), options).GetAwaiter().GetResult());
        Assert.Contains("Serializers", error.Message, StringComparison.Ordinal);
    }
}
