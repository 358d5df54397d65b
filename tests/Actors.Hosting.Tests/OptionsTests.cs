using Actors.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Actors.Hosting.Tests;

public class OptionsTests
{
    [Fact]
    public async Task Start_BindsTheActorsSectionIntoTheSystem()
    {
        await using var host = await TestHost.StartAsync(null, settings: new Dictionary<string, string?>
        {
            ["Actors:Name"] = "orders", ["Actors:Throughput"] = "50", ["Actors:AskTimeout"] = "00:00:07",
        });
        Assert.Equal("orders", host.System.Options.Name);
        Assert.Equal(50, host.System.Options.Throughput);
        Assert.Equal(TimeSpan.FromSeconds(7), host.System.Options.AskTimeout);
    }

    [Fact]
    public async Task Start_FailsWithMessagesThatNameEachBadSettingAndSayWhatFixesIt()
    {
        using var host = TestHost.Build(null, settings: new Dictionary<string, string?>
        {
            ["Actors:Throughput"] = "0", ["Actors:MessageTraceSampling"] = "1.5", ["Actors:AskTimeout"] = "-00:00:01", ["Actors:Name"] = " ",
        }).Host;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().WithinAsync("start"));

        Assert.Contains("Actors:Throughput is 0; it must be at least 1", error.Message);
        Assert.Contains("Actors:MessageTraceSampling is 1.5; use a share between 0 (off) and 1", error.Message);
        Assert.Contains("Actors:AskTimeout is -00:00:01; use a positive duration", error.Message);
        Assert.Contains("Actors:Name is empty", error.Message);
    }

    [Fact]
    public async Task Start_FailsWhenAValueIsMalformed_NamingTheSetting()
    {
        using var host = TestHost.Build(null, settings: new Dictionary<string, string?> { ["Actors:Throughput"] = "lots" }).Host;

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => host.StartAsync().WithinAsync("start"));

        Assert.Contains("Actors:Throughput", error.Message);
    }

    [Fact]
    public void AddActors_RejectsADuplicateRootChildName()
    {
        var error = Assert.Throws<ArgumentException>(() => TestHost.Build(a => a
            .AddProcess("jobs", (ctx, _) => Task.CompletedTask)
            .AddSupervisor("jobs", _ => { })));

        Assert.Contains("Two children of '/' are named 'jobs'", error.Message);
    }

    [Fact]
    public void AddActors_RejectsATypeThatIsNotAnActor()
    {
        var error = Assert.Throws<ArgumentException>(() => TestHost.Build(a => a.AddActor<string>("text")));

        Assert.Contains("does not implement IActor<TMessage>", error.Message);
    }

    [Fact]
    public async Task AddActors_CalledTwice_DeclaresMoreChildrenOnOneSystem()
    {
        await using var host = await TestHost.StartAsync(a => a.AddProcess("one", (ctx, _) => Task.Delay(Timeout.Infinite, ctx.Cancellation)),
            b => b.Services.AddActors(a => a.AddProcess("two", (ctx, _) => Task.Delay(Timeout.Infinite, ctx.Cancellation))));

        Assert.Equal(["/one", "/two"], host.System.Snapshot().Tasks.Where(t => t.Depth == 1).Select(t => t.Path));
    }
}
