using System.Collections.Concurrent;
using Actors.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Hosting.Tests;

public class HostLifecycleTests
{
    [Fact]
    public async Task Start_StartsRootChildrenInDeclaredOrder_AndHostStopStopsThemInReverse()
    {
        var stopped = new ConcurrentQueue<string>();
        var running = new CountdownEvent(3);
        Func<ActorContext, IServiceProvider, Task> body = async (ctx, _) =>
        {
            try { running.Signal(); await Task.Delay(Timeout.Infinite, ctx.Cancellation); }
            finally { stopped.Enqueue(ctx.Self.Name!); }
        };
        await using var host = await TestHost.StartAsync(a => a.AddProcess("first", body).AddProcess("second", body).AddProcess("third", body));
        await Task.Run(() => running.Wait(TestSystem.Bound)).WithinAsync("three processes running");

        Assert.Equal(["/first", "/second", "/third"], host.System.Snapshot().Tasks.Where(t => t.Depth == 1).Select(t => t.Path));
        await host.Host.StopAsync().WithinAsync("host stop");

        Assert.Equal(["third", "second", "first"], stopped);
        Assert.True(host.Logs.Contains("Actor tree stopped"));
    }

    [Fact]
    public async Task Stop_WaitsForADeferredSectionToFinish_InsideTheShutdownTimeout()
    {
        var inSection = Signal.New();
        var release = Signal.New();
        var sectionDone = false;
        var laterStopped = Signal.New();
        await using var host = await TestHost.StartAsync(a => a.AddProcess("server", async (ctx, _) =>
        {
            using (ctx.DeferStop())
            {
                inSection.SetResult();
                // An in-flight response: the stop must not cancel it (were it not deferred, the delay would end first).
                await Task.WhenAny(release.Task, Task.Delay(Timeout.Infinite, ctx.Cancellation));
                sectionDone = release.Task.IsCompleted;
            }
            await Task.Delay(Timeout.Infinite, ctx.Cancellation);
        }).AddProcess("later", async (ctx, _) =>
        {
            try { await Task.Delay(Timeout.Infinite, ctx.Cancellation); }
            finally { laterStopped.SetResult(); }
        }));
        await inSection.Task.WithinAsync("deferred section entered");

        var stopping = host.Host.StopAsync();
        await laterStopped.Task.WithinAsync("the later sibling stops first");
        await TestWaits.UntilAsync(() => host.Logs.Contains("Stopping the actor tree"), "the tree stop began");
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        await stopping.WithinAsync("host stop");

        Assert.True(sectionDone);
        Assert.False(host.Logs.Contains("abandoned"));
    }

    [Fact]
    public async Task Stop_AbandonsATaskStillRunningAtTheShutdownTimeout_AndLogsItsPath()
    {
        var never = Signal.New();
        var running = Signal.New();
        await using var host = await TestHost.StartAsync(
            a => a.AddSupervisor("workers", s => s.AddProcess("stuck", async (ctx, _) => { running.TrySetResult(); await never.Task; }, o => o.Shutdown = Timeout.InfiniteTimeSpan))
                  .AddProcess("polite", (ctx, _) => Task.Delay(Timeout.Infinite, ctx.Cancellation)),
            b => b.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(500)));
        await running.Task.WithinAsync("stuck task running");

        await host.Host.StopAsync().WithinAsync("host stop at its deadline");

        var abandoned = host.Logs.Lines.Where(l => l.EventId.Name == "ActorAbandoned").Select(l => l.State["ActorPath"]).ToList();
        Assert.Contains("/workers/stuck", abandoned);
        Assert.DoesNotContain("/polite", abandoned);
        await host.System.Completion.WithinAsync("the system is idle once the stuck task is abandoned");
        never.SetResult();
    }

    [Fact]
    public async Task OtherHostedServices_CanSendToActorsFromTheirStartAsync()
    {
        var got = Signal.New<string>();
        await using var host = await TestHost.StartAsync(
            a => a.AddActor<Recorder>("recorder"),
            b => b.Services.AddSingleton(got).AddHostedService<Greeter>());
        Assert.Equal("hello from a hosted service", await got.Task.WithinAsync("message"));
    }

    private sealed class Greeter(IActorRef<string> recorder) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            recorder.Tell("hello from a hosted service");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class Recorder(TaskCompletionSource<string> got) : IActor<string>
    {
        public ValueTask ReceiveAsync(ActorContext<string> context, string message)
        {
            got.TrySetResult(message);
            return ValueTask.CompletedTask;
        }
    }
}
