namespace Actors.Testing.Tests;

/// <summary>The first example of docs/testkit.md, kept compiling and passing.</summary>
public sealed class GuideExampleTests
{
    [Fact]
    public async Task TheGuidesFirstExample_Passes()
    {
        await using var kit = new ActorTestKit();
        var probe = kit.CreateProbe<string>("probe");
        var greeter = kit.System.Spawn<string>((ctx, name) => { probe.Tell($"hello {name}"); return ValueTask.CompletedTask; });

        greeter.Tell("ada");
        await probe.ExpectAsync("hello ada");
        await probe.ExpectNoMessageAsync();
    }
}
