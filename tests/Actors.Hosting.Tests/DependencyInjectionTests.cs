using System.Collections.Concurrent;
using Actors.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Hosting.Tests;

public class DependencyInjectionTests
{
    [Fact]
    public async Task AnActorIsBuiltThroughDI_AndReachedThroughItsTypedRef()
    {
        await using var host = await TestHost.StartAsync(a => a.AddActor<Counter>("counter"), b => b.Services.AddSingleton(new Step(5)));
        var counter = host.Services.GetRequiredService<IActorRef<CounterMessage>>();

        counter.Tell(new CounterMessage(null));
        var total = await counter.AskAsync<int>(reply => new CounterMessage(reply)).WithinAsync("ask");

        Assert.Equal(10, total);
        Assert.Equal("/counter", counter.ActorTask.Path);
    }

    [Fact]
    public async Task TwoActorsOfOneMessageType_AreInjectedByName_AndTheUnkeyedRefSaysSo()
    {
        await using var host = await TestHost.StartAsync(
            a => a.AddActor<Counter>("a").AddSupervisor("s", s => s.AddActor<Counter>("b")),
            b => b.Services.AddSingleton(new Step(1)));

        var b = host.Services.GetRequiredKeyedService<IActorRef<CounterMessage>>("b");
        Assert.Equal(1, await b.AskAsync<int>(reply => new CounterMessage(reply)).WithinAsync("ask b"));
        Assert.Equal("/s/b", b.ActorTask.Path);
        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IActorRef<CounterMessage>>());
        Assert.Contains("2 declared actors take CounterMessage (/a, /s/b); inject one by name: [FromKeyedServices(\"a\")]", error.Message);
    }

    [Fact]
    public async Task Start_FailsWhenDICannotBuildAnActor_NamingTheActorAndTheMissingService()
    {
        using var host = TestHost.Build(a => a.AddSupervisor("s", s => s.AddActor<Counter>("counter"))).Host;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync().WithinAsync("start"));

        Assert.Contains("Actor '/s/counter' (Actors.Hosting.Tests.DependencyInjectionTests+Counter) needs Actors.Hosting.Tests.DependencyInjectionTests+Step, which is not registered", error.Message);
    }

    [Fact]
    public async Task AScopePerInstance_IsDisposedWhenTheInstanceEnds_AndARestartGetsANewOne()
    {
        var scopes = new ConcurrentQueue<ScopedResource>();
        await using var host = await TestHost.StartAsync(
            a => a.AddSupervisor("s", s => s.AddActor<Crashy>("crashy", o => o.Scope = ActorServiceScope.PerInstance)),
            b => b.Services.AddSingleton(scopes).AddScoped<ScopedResource>());
        var crashy = host.Services.GetRequiredService<IActorRef<string>>();
        await TestWaits.UntilAsync(() => scopes.Count == 1, "the first instance built");

        crashy.Tell("crash");
        await TestWaits.UntilAsync(() => scopes.Count == 2, "the restarted instance built");
        var (first, second) = (scopes.First(), scopes.Last());
        await first.Disposed.Task.WithinAsync("the failed instance's scope disposed");
        Assert.NotSame(first, second);
        Assert.False(second.Disposed.Task.IsCompleted);

        await host.Host.StopAsync().WithinAsync("host stop");
        await second.Disposed.Task.WithinAsync("the last instance's scope disposed at shutdown");
    }

    [Fact]
    public async Task ATypedRefToASupervisedActor_KeepsMessagesSentWhileItRestarts()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await TestHost.StartAsync(
            a => a.AddSupervisor("s", s =>
            {
                s.MaxRestarts = 100;
                s.AddActor<Fragile>("fragile");
            }),
            b => b.Services.AddSingleton(seen));
        var fragile = host.Services.GetRequiredService<IActorRef<string>>();

        for (var round = 0; round < 20; round++)
        {
            fragile.Tell("crash");
            fragile.Tell($"after {round}");   // queued behind the crash, or sent while the actor restarts: never lost
        }

        await TestWaits.UntilAsync(() => seen.Count == 20, "every message after a crash handled");
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"after {i}"), seen);
    }

    public sealed class Fragile(ConcurrentQueue<string> seen) : IActor<string>
    {
        public ValueTask ReceiveAsync(ActorContext<string> context, string message)
        {
            if (message == "crash") throw new InvalidOperationException("crash on request");
            seen.Enqueue(message);
            return ValueTask.CompletedTask;
        }
    }

    public sealed record Step(int By);

    public sealed record CounterMessage(IReplyTo<int>? Reply);

    public sealed class Counter(Step step) : IActor<CounterMessage>
    {
        private int _total;

        public ValueTask ReceiveAsync(ActorContext<CounterMessage> context, CounterMessage message)
        {
            _total += step.By;
            message.Reply?.Reply(_total);
            return ValueTask.CompletedTask;
        }
    }

    public sealed class ScopedResource : IDisposable
    {
        public TaskCompletionSource Disposed { get; } = Signal.New();

        public void Dispose() => Disposed.TrySetResult();
    }

    public sealed class Crashy : IActor<string>
    {
        public Crashy(ScopedResource resource, ConcurrentQueue<ScopedResource> scopes) => scopes.Enqueue(resource);

        public ValueTask ReceiveAsync(ActorContext<string> context, string message) => throw new InvalidOperationException("crash on request");
    }
}
