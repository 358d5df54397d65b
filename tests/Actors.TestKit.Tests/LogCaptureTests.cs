using Microsoft.Extensions.Logging;

namespace Actors.Testing.Tests;

public sealed class LogCaptureTests
{
    [Fact]
    public void RecordsLevelCategoryMessageExceptionAndStructuredState()
    {
        var capture = new LogCapture();
        var logger = capture.CreateLogger("Orders");
        var error = new InvalidOperationException("no stock");
        logger.LogWarning(new EventId(7, "Rejected"), error, "Order {OrderId} rejected for {Customer}", 42, "ada");
        var entry = Assert.Single(capture.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("Orders", entry.Category);
        Assert.Equal(7, entry.EventId.Id);
        Assert.Equal("Order 42 rejected for ada", entry.Message);
        Assert.Same(error, entry.Exception);
        Assert.Equal(42, entry.Property("OrderId"));
        Assert.Equal("ada", entry.Property("Customer"));
        Assert.Equal("Order {OrderId} rejected for {Customer}", entry.Property("{OriginalFormat}"));
    }

    [Fact]
    public void BelowTheMinimumLevel_IsDisabledAndNotRecorded()
    {
        var capture = new LogCapture(LogLevel.Information);
        var logger = capture.CreateLogger("x");
        Assert.False(logger.IsEnabled(LogLevel.Debug));
        logger.LogDebug("hidden");
        logger.LogInformation("shown");
        Assert.Equal(["shown"], capture.Entries.Select(e => e.Message));
    }

    [Fact]
    public void AddedProviders_ReceiveEveryLineToo()
    {
        var capture = new LogCapture();
        var inner = new LogCapture();
        var logger = capture.CreateLogger("x");
        capture.AddProvider(inner);
        logger.LogError("both see this");
        Assert.Equal("both see this", Assert.Single(inner.Entries).Message);
        Assert.Single(capture.Entries);
    }

    [Fact]
    public async Task WaitFor_OnTimeout_ListsTheLinesThatWereLogged()
    {
        var capture = new LogCapture();
        capture.CreateLogger("Cat").LogInformation("hello");
        var error = await Assert.ThrowsAsync<ActorAssertionException>(() =>
            capture.WaitForAsync(e => e.Level == LogLevel.Error, "an error", TimeSpan.FromMilliseconds(50)));
        Assert.Contains("waiting for an error", error.Message);
        Assert.Contains("Information Cat: hello", error.Message);
    }

    [Fact]
    public async Task TheKit_CapturesTheSystemsLogLines_WithTheTaskPath()
    {
        await using var kit = new ActorTestKit();
        _ = kit.System.Run(_ => throw new InvalidOperationException("boom"), new SpawnOptions { Name = "crasher" });
        var entry = await kit.Logs.WaitForAsync(e => e.Exception is InvalidOperationException, "the unobserved failure");
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal("Actors.Tasks", entry.Category);
        Assert.Equal("/crasher", entry.Path);
        Assert.Same(kit.Logs, kit.System.Options.LoggerFactory);
    }
}
