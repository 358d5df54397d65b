using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Tests;

/// <summary>The kernel logs through <see cref="ILogger"/>: categories per subsystem, the path as a property, nothing formatted when off.</summary>
public class LoggingTests
{
    [Fact]
    public void TheDefaultLoggerFactory_IsTheNullOne()
    {
        Assert.Same(NullLoggerFactory.Instance, new ActorSystemOptions().LoggerFactory);
    }

    [Fact]
    public void ANullLoggerFactory_IsRefusedWithTheOptionsName()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new ActorSystem(new ActorSystemOptions { LoggerFactory = null! }));
        Assert.Equal(nameof(ActorSystemOptions.LoggerFactory), error.ParamName);
    }

    [Fact]
    public async Task AnUnobservedFailure_IsLoggedUnderActorsTasks_WithThePathAsAProperty()
    {
        await using var t = new TestSystem();
        var task = t.System.Run(ctx => throw new InvalidOperationException("boom"), new SpawnOptions { Name = "job" });
        await TestWaits.UntilAsync(() => task.IsFinished, "the job failed");
        await TestWaits.UntilAsync(() => t.Logs.Count > 0, "the log line");

        var entry = Assert.Single(t.Logs);
        Assert.Equal("Actors.Tasks", entry.Category);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal("UnobservedFailure", entry.EventId.Name);
        Assert.Equal("/job", entry.Path);
        Assert.Contains("/job", entry.Message);
        Assert.IsType<InvalidOperationException>(entry.Exception);
    }

    [Fact]
    public async Task AHandlerThatThrowsAndResumes_IsLoggedUnderActorsMessaging()
    {
        await using var t = new TestSystem();
        var wentOn = Signal.New();
        var actor = t.System.Spawn<int>((ctx, m) =>
        {
            if (m == 0) throw new InvalidOperationException("bad");
            wentOn.TrySetResult();
            return ValueTask.CompletedTask;
        }, new SpawnOptions { Name = "resumer", ResumeOn = _ => true });
        actor.Tell(0);
        actor.Tell(1);
        await wentOn.Task.WithinAsync("the actor went on");
        await TestWaits.UntilAsync(() => t.Logs.Count > 0, "the log line");

        var entry = Assert.Single(t.Logs);
        Assert.Equal("Actors.Messaging", entry.Category);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("/resumer", entry.Path);
    }

    [Fact]
    public async Task WhenEveryLevelIsOff_NoLineIsWritten()
    {
        var factory = new DisabledFactory();
        await using (var system = new ActorSystem(new ActorSystemOptions { LoggerFactory = factory }))
        {
            var task = system.Run(ctx => throw new InvalidOperationException("boom"), new SpawnOptions { Name = "job" });
            await TestWaits.UntilAsync(() => task.IsFinished, "the job failed");
        }

        Assert.True(factory.Created > 0, "the kernel asked for its loggers");
        Assert.Equal(0, factory.Written);
    }

    [Fact]
    public async Task ALoggerThatThrows_NeverTakesTheKernelDown()
    {
        await using var system = new ActorSystem(new ActorSystemOptions { LoggerFactory = new ThrowingFactory() });
        var task = system.Run(ctx => throw new InvalidOperationException("boom"));
        await TestWaits.UntilAsync(() => task.IsFinished, "the job failed");

        var after = system.Run(ctx => Task.FromResult(42));
        Assert.Equal(42, await after.Completion.WithinAsync("a later task"));
        Assert.Equal(ActorTaskState.Failed, task.State);
    }

    /// <summary>Loggers that say every level is off and count what is written anyway.</summary>
    private sealed class DisabledFactory : ILoggerFactory
    {
        private int _created, _written;

        public int Created => Volatile.Read(ref _created);

        public int Written => Volatile.Read(ref _written);

        public ILogger CreateLogger(string categoryName)
        {
            Interlocked.Increment(ref _created);
            return new Off(this);
        }

        public void AddProvider(ILoggerProvider provider) { }

        public void Dispose() { }

        private sealed class Off(DisabledFactory owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => false;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => Interlocked.Increment(ref owner._written);
        }
    }

    private sealed class ThrowingFactory : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new Throwing();

        public void AddProvider(ILoggerProvider provider) { }

        public void Dispose() { }

        private sealed class Throwing : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => throw new InvalidOperationException("broken sink");

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => throw new InvalidOperationException("broken sink");
        }
    }
}
