using Actors.Supervision.OutOfProcess;
using Actors.Supervision.Pools;
using Actors.Tests;
using static Actors.Supervision.Tests.OutOfProcess.TestWorkerProgram;

namespace Actors.Supervision.Tests.OutOfProcess;

[Collection("worker processes")]
public class ProcessWorkerTests
{
    [Fact]
    public async Task DisposingAWorkerKillsItsProcessAndLaterCallsFail()
    {
        var worker = await ProcessWorker.StartAsync(Options).WithinAsync("the start");
        var pid = worker.ProcessId;
        Assert.Equal(pid, (await worker.CallAsync("pid").WithinAsync("a call")).GetInt32());

        await worker.DisposeAsync().AsTask().WithinAsync("the disposal");

        Assert.True(worker.HasExited);
        Assert.True(IsGone(pid));
        var fault = await Assert.ThrowsAsync<WorkerFaultException>(() => worker.CallAsync("pid"));
        Assert.Contains($"process {pid}", fault.Message);
    }

    [Fact]
    public async Task AHandlerErrorLeavesTheWorkerUsable()
    {
        await using var worker = await ProcessWorker.StartAsync(Options).WithinAsync("the start");

        var error = await Assert.ThrowsAsync<WorkerCallException>(() => worker.CallAsync("throw").WithinAsync("the throwing call"));

        Assert.Equal("throw", error.Method);
        Assert.Equal(worker.ProcessId, error.ProcessId);
        Assert.Contains("InvalidOperationException: thrown on request", error.RemoteError);
        Assert.Equal(5, (await worker.CallAsync("echo", Json(5)).WithinAsync("a later call")).GetInt32());
        Assert.Null(worker.Fault);
    }

    [Fact]
    public async Task ACancelledCallDropsItsLateAnswerAndTheNextCallGetsItsOwn()
    {
        await using var worker = await ProcessWorker.StartAsync(Options).WithinAsync("the start");
        using var cancel = new CancellationTokenSource();
        var slow = worker.CallAsync("echo", Json("first"), cancel.Token);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow.WithinAsync("the cancelled call"));

        Assert.Equal("second", (await worker.CallAsync("echo", Json("second")).WithinAsync("the next call")).GetString());
    }

    [Fact]
    public async Task StartingAMissingProgramFailsWithAFaultNamingTheProcess()
    {
        var missing = ProcessWorkerOptions.ForAssembly(Path.Combine(AppContext.BaseDirectory, "no-such-worker.dll"));

        var fault = await Assert.ThrowsAsync<WorkerFaultException>(() => ProcessWorker.StartAsync(missing).WithinAsync("the failed start"));

        Assert.Matches("^Worker process [0-9]+ ", fault.Message);   // the host prints its complaint on stdout: garbage, or an early exit
    }
}
