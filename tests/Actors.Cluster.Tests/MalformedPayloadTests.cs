using Actors.Cluster.Internal;
using System.Collections.Concurrent;
using System.Text;
using NATS.Client.Core;

namespace Actors.Cluster.Tests;

[Collection(NatsCollection.Name)]
public sealed class MalformedPayloadTests(NatsServerFixture server)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GarbageOnTheFrameworksSubjects_IsDeadLetteredWithAReason_AndChangesNothingElse()
    {
        await using var cluster = await Cluster3.StartAsync(server);
        var counter = Cluster3.SpawnCounter(cluster.B.System);
        await cluster.B.RegisterAsync("target", counter);
        var remote = (await cluster.A.LookupAsync<CounterMsg>("target"))!;
        remote.Tell(new Add(1));
        Assert.Equal(1, await remote.AskAsync<int>(r => new Get(r)).WaitAsync(Bound));
        var letters = new ConcurrentQueue<DeadLetter>();
        using var subscription = cluster.B.System.DeadLetters.Subscribe(letters.Enqueue);
        var subject = SubjectOf(cluster, "target");

        await using (var raw = new NatsConnection(NatsOpts.Default with { Url = server.Url }))
        {
            await raw.ConnectAsync();
            await raw.PublishAsync(subject, Encoding.UTF8.GetBytes("{not json"));
            await raw.PublishAsync(subject, Encoding.UTF8.GetBytes("{\"$t\":\"nope\"}"));
            await raw.PublishAsync(subject, Encoding.UTF8.GetBytes("null"));
            await raw.PublishAsync(subject, new byte[cluster.B.Options.MaxMessageBytes + 1]);
            await raw.PublishAsync(subject[..subject.LastIndexOf('.')] + ".nobody", Encoding.UTF8.GetBytes("{\"$t\":\"add\",\"N\":5}"));
            await raw.PublishAsync(subject + ".bogus", Encoding.UTF8.GetBytes("x"));
            var reply = await raw.RequestAsync<byte[], byte[]>(subject, Encoding.UTF8.GetBytes("[]"), replyOpts: new NatsSubOpts { Timeout = Bound });
            Assert.Equal(1, reply.Data![0]);   // the request was answered with a failure, not left to time out
        }

        await RegistryTests.Eventually(() => Task.FromResult(letters.Count >= 7));
        Assert.Equal(4, letters.Count(l => l.Reason == DeadLetterReason.Undecodable && ReferenceEquals(l.Recipient, counter.TaskOf())));
        Assert.Contains(letters, l => l.Reason == DeadLetterReason.TooLarge);
        Assert.Contains(letters, l => l.Reason == DeadLetterReason.RecipientFinished && l.Message is RejectedRemoteMessage);
        Assert.Contains(letters, l => l.Reason == DeadLetterReason.Undecodable && ReferenceEquals(l.Recipient, cluster.B.ActorTask));
        Assert.All(letters, l => Assert.IsType<RejectedRemoteMessage>(l.Message));
        remote.Tell(new Add(2));
        Assert.Equal(3, await remote.AskAsync<int>(r => new Get(r)).WaitAsync(Bound));
        Assert.False(counter.TaskOf().IsFinished);
    }

    private static string SubjectOf(Cluster3 cluster, string name)
    {
        var remote = (Internal.RemoteRef<CounterMsg>)cluster.A.LookupAsync<CounterMsg>(name).GetAwaiter().GetResult()!;
        return cluster.A.Subjects.To(remote.Address);
    }
}
