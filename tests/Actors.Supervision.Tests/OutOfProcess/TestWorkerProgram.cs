using System.Diagnostics;
using System.Text.Json;
using Actors.Supervision.OutOfProcess;
using Actors.Supervision.Pools;
using Actors.Tests;

namespace Actors.Supervision.Tests.OutOfProcess;

/// <summary>Runs tests/Actors.Supervision.TestWorker (copied next to the tests) and checks on its processes.</summary>
public static class TestWorkerProgram
{
    public static ProcessWorkerOptions Options { get; } =
        ProcessWorkerOptions.ForAssembly(Path.Combine(AppContext.BaseDirectory, "Actors.Supervision.TestWorker.dll"));

    public static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value);

    public static async Task<int> PidOf(WorkerCheckout<ProcessWorker> checkout) =>
        (await checkout.CallAsync("pid").AsTask().WithinAsync("the pid call")).GetInt32();

    /// <summary>True once no process with that id is running (it was killed and reaped).</summary>
    public static bool IsGone(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    public static Task WaitUntilGone(int pid) => TestWaits.UntilAsync(() => IsGone(pid), $"process {pid} is gone");
}

/// <summary>The out-of-process tests start real processes: run them one class at a time on this 2-core machine.</summary>
[CollectionDefinition("worker processes", DisableParallelization = true)]
public sealed class WorkerProcessesCollection;
