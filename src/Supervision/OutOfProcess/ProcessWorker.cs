using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Actors.Supervision.OutOfProcess.Internal;
using Actors.Supervision.Pools;
using Actors.Supervision.Pools.Internal;

namespace Actors.Supervision.OutOfProcess;

/// <summary>
/// A worker that is a child process, spoken to over its standard input and output with length-prefixed
/// JSON frames (a 4-byte little-endian length, then <c>{"id", "method", "payload"}</c>; the answer is
/// <c>{"id", "ok", "payload" | "error"}</c>). The program serves with <see cref="WorkerHost"/>.
/// <para>States:</para>
/// <code>
/// Starting --hello--> Ready --garbage, bad length, exit (mid-frame or not), broken input--> Broken --> Disposed
/// Ready --DisposeAsync--> Disposed
/// </code>
/// Broken: every pending and later call throws the same <see cref="WorkerFaultException"/> naming the
/// process id, and the process is killed. Disposed: the process tree is killed and reaped.
/// <para>Concurrency: one lock (<c>_sync</c>) guards the pending calls and the fault; request frames are written one at a time (<c>_writeGate</c>).</para>
/// </summary>
public sealed partial class ProcessWorker : IAsyncDisposable, IPoolWorker
{
    // Immutable after start.
    private readonly Process _process;                          // the child
    private readonly Stream _input;                             // its standard input; written under _writeGate
    private readonly Stream _output;                            // its standard output; read only by the reader loop
    private readonly ProcessWorkerOptions _options;             // validated
    private readonly SemaphoreSlim _writeGate = new(1, 1);      // one request frame at a time (async, so not a lock)
    private readonly TaskCompletionSource<JsonElement> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);   // the response to id 0
    private readonly Task _reader;                              // the reader loop; never throws

    // The worker's one lock; guards the fields below.
    private readonly Lock _sync = new();
    private readonly Dictionary<long, (TaskCompletionSource<JsonElement> Response, string Method)> _pending = [];   // calls awaiting their answer, by id
    private long _lastId;                                       // the last request id handed out (0 is the hello)
    private WorkerFaultException? _fault;                       // why the worker is broken; set once (read without the lock by IsBroken)
    private bool _disposed;                                     // DisposeAsync was called

    private ProcessWorker(Process process, ProcessWorkerOptions options)
    {
        _process = process;
        _options = options;
        ProcessId = process.Id;
        _input = process.StandardInput.BaseStream;
        _output = process.StandardOutput.BaseStream;
        _pending[0] = (_hello, "hello");
        process.ErrorDataReceived += OnStandardError;
        process.BeginErrorReadLine();   // always drained, so a chatty worker never blocks on a full pipe
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>The worker's process id.</summary>
    public int ProcessId { get; }

    /// <summary>True once the process has exited (or the worker was disposed).</summary>
    public bool HasExited
    {
        get
        {
            try { return _process.HasExited; }
            catch (InvalidOperationException) { return true; }   // disposed
        }
    }

    /// <summary>Why the worker is broken, or null.</summary>
    public WorkerFaultException? Fault
    {
        get { lock (_sync) return _fault; }
    }

    string IPoolWorker.Description => $"process {ProcessId}";

    bool IPoolWorker.IsBroken => Volatile.Read(ref _fault) is not null;

    /// <summary>Starts a worker process and waits for its hello.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="cancellationToken">Gives up the start (the process is killed).</param>
    /// <returns>The ready worker.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="WorkerFaultException">The process could not start, exited, or did not say hello within <see cref="ProcessWorkerOptions.StartTimeout"/>.</exception>
    public static async Task<ProcessWorker> StartAsync(ProcessWorkerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var process = new Process { StartInfo = StartInfo(options) };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new WorkerFaultException($"Could not start worker process '{options.FileName}': {ex.Message}. Check FileName and Arguments.", ex);
        }
        var worker = new ProcessWorker(process, options);
        try
        {
            await (options.StartTimeout == Timeout.InfiniteTimeSpan
                ? worker._hello.Task.WaitAsync(cancellationToken)
                : worker._hello.Task.WaitAsync(options.StartTimeout, cancellationToken)).ConfigureAwait(false);
            return worker;
        }
        catch (Exception ex)
        {
            await worker.DisposeAsync().ConfigureAwait(false);
            if (ex is TimeoutException)
                throw new WorkerFaultException($"Worker process {worker.ProcessId} did not say hello within {options.StartTimeout}; it was killed. Make sure the program calls WorkerHost.RunAsync.", ex);
            throw;
        }
    }

    /// <summary>Sends a request and waits for its answer.</summary>
    /// <param name="method">What to do.</param>
    /// <param name="payload">Its argument; default sends <c>null</c>.</param>
    /// <param name="cancellationToken">Stops the waiting (the answer, when it comes, is dropped).</param>
    /// <returns>The answer's payload.</returns>
    /// <exception cref="WorkerCallException">The worker's handler threw; the worker is still usable.</exception>
    /// <exception cref="WorkerFaultException">The worker is broken (the message names its process id); it is killed and never answers again.</exception>
    public async Task<JsonElement> CallAsync(string method, JsonElement payload = default, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        cancellationToken.ThrowIfCancellationRequested();
        var response = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        long id;
        lock (_sync)
        {
            if (_fault is { } fault) throw fault;
            id = ++_lastId;
            _pending[id] = (response, method);
        }
        try
        {
            await SendAsync(WorkerMessages.Request(id, method, payload), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            Forget(id);
            throw;
        }
        using (cancellationToken.UnsafeRegister(_ => { Forget(id); response.TrySetCanceled(cancellationToken); }, null))
            return await response.Task.ConfigureAwait(false);
    }

    /// <summary>Kills the process tree, waits for it to exit, and fails pending calls.</summary>
    /// <returns>Completes when the process is gone (or after a 10 second bound).</returns>
    public async ValueTask DisposeAsync()
    {
        lock (_sync)
        {
            if (_disposed) return;
            _disposed = true;
        }
        Break("was disposed", null);
        Kill();
        try { await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false); }
        catch (TimeoutException) { /* reported by HasExited; nothing more we can do */ }
        try { _input.Dispose(); }
        catch (IOException) { /* the pipe is broken: the process is gone */ }
        try { await _reader.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false); }
        catch (TimeoutException) { /* the output did not close; the reader ends when it does */ }
        _process.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"worker process {ProcessId}";

    private static ProcessStartInfo StartInfo(ProcessWorkerOptions options)
    {
        var info = new ProcessStartInfo(options.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? "",
        };
        foreach (var argument in options.Arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in options.Environment)
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        return info;
    }

    private async Task SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Framing.WriteAsync(_input, frame, CancellationToken.None).ConfigureAwait(false);   // never cancelled mid-frame
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            Break($"stopped reading its input ({ex.Message})", ex);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void Forget(long id)
    {
        lock (_sync) _pending.Remove(id);
    }

    private void OnStandardError(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is not { } line || _options.StandardError is not { } sink) return;
        try { sink(ProcessId, line); }
        catch (Exception) { /* a broken sink must not break the worker */ }
    }
}
