using Actors.Supervision.OutOfProcess;
using Actors.Supervision.Pools;
using Actors.Tests;
using static Actors.Supervision.Tests.OutOfProcess.TestWorkerProgram;

namespace Actors.Supervision.Tests.OutOfProcess;

[Collection("worker processes")]
public class ProcessWorkerPoolTests
{
    [Fact]
    public async Task AWorkerProcessAnswersCallsAndItsPidShowsOnTheCheckoutAndTheTaskLabel()
    {
        await using var t = new TestSystem();
        await using var pool = ProcessWorkerPool.Start(t.System.Root, "workers", Options);
        await using var checkout = await pool.CheckoutAsync().AsTask().WithinAsync("a checkout");

        var echo = await checkout.CallAsync("echo", Json(new { text = "hi", n = 3 })).AsTask().WithinAsync("the echo");
        var pid = await PidOf(checkout);

        Assert.Equal("hi", echo.GetProperty("text").GetString());
        Assert.Equal(3, echo.GetProperty("n").GetInt32());
        Assert.Equal(checkout.Worker.ProcessId, pid);
        Assert.Contains($"process {pid}", checkout.Description);
        Assert.Contains($"process {pid}", t.System.Find("/workers/worker-1")!.Label);
    }

    [Fact]
    public async Task AWorkerThatCrashesIsReplacedWhileThePoolKeepsServing()
    {
        await using var t = new TestSystem();
        await using var pool = ProcessWorkerPool.Start(t.System.Root, "workers", Options, new WorkerPoolOptions { MaxWorkers = 1 });
        int crashed;
        await using (var checkout = await pool.CheckoutAsync().AsTask().WithinAsync("a checkout"))
        {
            crashed = await PidOf(checkout);
            var fault = await Assert.ThrowsAsync<WorkerFaultException>(() => checkout.CallAsync("crash").AsTask().WithinAsync("the crash"));
            Assert.Contains($"process {crashed}", fault.Message);
        }

        await using var next = await pool.CheckoutAsync().AsTask().WithinAsync("the next checkout");
        var replacement = await PidOf(next);

        Assert.NotEqual(crashed, replacement);
        await WaitUntilGone(crashed);
        Assert.Equal("still here", (await next.CallAsync("echo", Json("still here")).AsTask().WithinAsync("an echo")).GetString());
    }

    [Fact]
    public async Task AHungWorkersProcessIsReallyKilled()
    {
        await using var t = new TestSystem();
        await using var pool = ProcessWorkerPool.Start(t.System.Root, "workers", Options, new WorkerPoolOptions { HungWorkerTimeout = TimeSpan.FromSeconds(2) });
        await using var checkout = await pool.CheckoutAsync().AsTask().WithinAsync("a checkout");
        var pid = await PidOf(checkout);

        var hung = await Assert.ThrowsAsync<WorkerHungException>(() => checkout.CallAsync("hang").AsTask().WithinAsync("the hung call"));

        Assert.Contains($"process {pid}", hung.Message);
        await WaitUntilGone(pid);
        Assert.Same(hung, await Assert.ThrowsAsync<WorkerHungException>(() => checkout.CallAsync("pid").AsTask()));
    }

    [Theory]
    [InlineData("length")]
    [InlineData("json")]
    public async Task GarbageOnThePipeIsAFatalCheckoutErrorNamingTheWorkerAndItsPid(string kind)
    {
        await using var t = new TestSystem();
        await using var pool = ProcessWorkerPool.Start(t.System.Root, "workers", Options);
        await using var checkout = await pool.CheckoutAsync().AsTask().WithinAsync("a checkout");
        var pid = await PidOf(checkout);

        var fault = await Assert.ThrowsAsync<WorkerFaultException>(() => checkout.CallAsync("garbage", Json(kind)).AsTask().WithinAsync("the garbage call"));

        Assert.Contains("/workers/worker-1", fault.Message);
        Assert.Contains($"process {pid}", fault.Message);
        Assert.Contains(kind == "json" ? "not valid JSON" : "frame length", fault.Message);
        Assert.Same(fault, await Assert.ThrowsAsync<WorkerFaultException>(() => checkout.CallAsync("pid").AsTask()));
        await WaitUntilGone(pid);
    }

    [Fact]
    public async Task AWorkerThatExitsMidFrameIsAFatalCheckoutErrorNamingTheWorkerAndItsPid()
    {
        await using var t = new TestSystem();
        await using var pool = ProcessWorkerPool.Start(t.System.Root, "workers", Options);
        await using var checkout = await pool.CheckoutAsync().AsTask().WithinAsync("a checkout");
        var pid = await PidOf(checkout);

        var fault = await Assert.ThrowsAsync<WorkerFaultException>(() => checkout.CallAsync("exitmidframe").AsTask().WithinAsync("the cut-short call"));

        Assert.Contains("/workers/worker-1", fault.Message);
        Assert.Contains($"process {pid}", fault.Message);
        Assert.Contains("mid-frame", fault.Message);
        Assert.Contains("code 3", fault.Message);
    }

    [Fact]
    public async Task AThrowingHandlerIsAnOrdinaryCallErrorAndTheWorkerIsReplacedOnRelease()
    {
        await using var t = new TestSystem();
        await using var pool = ProcessWorkerPool.Start(t.System.Root, "workers", Options, new WorkerPoolOptions { MaxWorkers = 1 });
        int first;
        await using (var checkout = await pool.CheckoutAsync().AsTask().WithinAsync("a checkout"))
        {
            first = await PidOf(checkout);
            var error = await Assert.ThrowsAsync<WorkerCallException>(() => checkout.CallAsync("throw").AsTask().WithinAsync("the throwing call"));
            Assert.Contains("thrown on request", error.Message);
            Assert.Equal(first, await PidOf(checkout));
            Assert.Null(checkout.Fault);
        }

        await using var next = await pool.CheckoutAsync().AsTask().WithinAsync("the next checkout");

        Assert.NotEqual(first, await PidOf(next));
        await WaitUntilGone(first);
        Assert.Equal(1, pool.Counts.Replaced);
        await TestWaits.UntilAsync(() => pool.Counts.Destroyed == 1, "the replaced worker's task ends");
        Assert.DoesNotContain(t.Logs, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task AWorkerProcessKilledWhileIdleIsReplacedAtTheNextCheckout()
    {
        await using var t = new TestSystem();
        await using var pool = ProcessWorkerPool.Start(t.System.Root, "workers", Options, new WorkerPoolOptions { MaxWorkers = 1 });
        ProcessWorker idle;
        int killed;
        await using (var checkout = await pool.CheckoutAsync().AsTask().WithinAsync("a checkout"))
        {
            idle = checkout.Worker;
            killed = await PidOf(checkout);
        }

        using (var process = System.Diagnostics.Process.GetProcessById(killed)) process.Kill();
        await TestWaits.UntilAsync(() => idle.Fault is not null, "the pool's reader notices the exit");
        await using var next = await pool.CheckoutAsync().AsTask().WithinAsync("the next checkout");

        Assert.NotEqual(killed, await PidOf(next));
        Assert.Contains($"process {killed}", idle.Fault!.Message);
        Assert.Equal(1, pool.Counts.Faulted);
    }

    [Fact]
    public async Task AWorkerProgramThatCannotStartGivesASetupError()
    {
        await using var t = new TestSystem();
        var missing = ProcessWorkerOptions.ForAssembly(Path.Combine(AppContext.BaseDirectory, "no-such-worker.dll"));
        await using var pool = ProcessWorkerPool.Start(t.System.Root, "workers", missing);

        var error = await Assert.ThrowsAsync<WorkerSetupException>(() => pool.CheckoutAsync().AsTask().WithinAsync("the checkout"));

        Assert.IsType<WorkerFaultException>(error.InnerException);
    }
}
