using System.ComponentModel;
using System.Text.Json;
using Actors.Supervision.OutOfProcess.Internal;
using Actors.Supervision.Pools;

namespace Actors.Supervision.OutOfProcess;

public sealed partial class ProcessWorker
{
    /// <summary>Reads answers until the output ends or breaks; any protocol error breaks the worker (never a hang).</summary>
    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                if (await Framing.ReadAsync(_output, _options.MaxFrameBytes, CancellationToken.None).ConfigureAwait(false) is not { } body)
                {
                    await BreakOnExitAsync("closed its output", null).ConfigureAwait(false);
                    return;
                }
                Deliver(WorkerMessages.ReadResponse(body));
            }
        }
        catch (EndOfStreamException ex)
        {
            await BreakOnExitAsync($"exited mid-frame: its output {ex.Message}", ex).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            Break(ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            Break($"could not be read ({ex.Message})", ex);
        }
    }

    private void Deliver((long Id, bool Ok, JsonElement Payload, string? Error) answer)
    {
        (TaskCompletionSource<JsonElement> Response, string Method) call;
        lock (_sync)
        {
            if (!_pending.Remove(answer.Id, out call)) return;   // an abandoned (cancelled) call
        }
        if (answer.Ok) call.Response.TrySetResult(answer.Payload);
        else call.Response.TrySetException(new WorkerCallException(ProcessId, call.Method, answer.Error!));
    }

    /// <summary>The output ended: wait briefly for the exit code so the message can say how the process ended.</summary>
    private async Task BreakOnExitAsync(string detail, Exception? cause)
    {
        if (Fault is not null) return;   // disposed or broken already: the end of output is expected
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            detail += $"; it exited with code {_process.ExitCode}";
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            detail += "; it has not exited";
        }
        Break(detail, cause);
    }

    /// <summary>Marks the worker broken (first reason wins), fails every pending call with the same fault, and kills the process.</summary>
    private void Break(string detail, Exception? cause)
    {
        List<(TaskCompletionSource<JsonElement> Response, string Method)> pending;
        WorkerFaultException fault;
        lock (_sync)
        {
            if (_fault is not null) return;
            _fault = fault = new WorkerFaultException($"Worker process {ProcessId} {detail}.", cause);
            pending = [.. _pending.Values];
            _pending.Clear();
        }
        foreach (var call in pending) call.Response.TrySetException(fault);
        Kill();
    }

    private void Kill()
    {
        try { _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* exited already, or disposed */ }
        catch (Win32Exception) { /* exiting; it cannot be signalled */ }
    }
}
