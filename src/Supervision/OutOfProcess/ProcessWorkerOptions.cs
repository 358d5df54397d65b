using Actors.Supervision.OutOfProcess.Internal;

namespace Actors.Supervision.OutOfProcess;

/// <summary>How a <see cref="ProcessWorker"/> starts its process. The program must call <see cref="WorkerHost.RunAsync(Func{string, System.Text.Json.JsonElement, CancellationToken, Task{System.Text.Json.JsonElement}}, CancellationToken)"/>.</summary>
public sealed class ProcessWorkerOptions
{
    /// <summary>The executable: a worker program, or the <c>dotnet</c> host with the worker's dll as the first argument (see <see cref="ForAssembly"/>).</summary>
    /// <value>Required.</value>
    public required string FileName { get; init; }

    /// <summary>Command-line arguments, passed as they are (no shell quoting).</summary>
    /// <value>None.</value>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The working directory; null for the current one.</summary>
    /// <value>null.</value>
    public string? WorkingDirectory { get; init; }

    /// <summary>Environment variables to set (a null value removes one) on top of this process's environment.</summary>
    /// <value>None.</value>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>How long the process may take to start and say hello before the start fails and the process is killed.</summary>
    /// <value>30 seconds.</value>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest response frame accepted; a larger length means garbage on the pipe and breaks the worker.</summary>
    /// <value>16 MiB.</value>
    public int MaxFrameBytes { get; init; } = Framing.DefaultMaxFrameBytes;

    /// <summary>Receives each line the process writes to standard error (with its process id); null discards them.</summary>
    /// <value>null.</value>
    public Action<int, string>? StandardError { get; init; }

    /// <summary>Options that run a framework-dependent worker assembly with the <c>dotnet</c> host: <c>dotnet path/to/worker.dll</c>.</summary>
    /// <param name="assemblyPath">The worker program's dll.</param>
    /// <returns>Options with <see cref="FileName"/> set to the host (<c>DOTNET_HOST_PATH</c>, this process if it is <c>dotnet</c>, else <c>dotnet</c> from the PATH).</returns>
    /// <exception cref="ArgumentException"><paramref name="assemblyPath"/> is blank.</exception>
    public static ProcessWorkerOptions ForAssembly(string assemblyPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assemblyPath);
        return new ProcessWorkerOptions { FileName = DotnetHost(), Arguments = [assemblyPath] };
    }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(FileName, nameof(FileName));
        ArgumentNullException.ThrowIfNull(Arguments, nameof(Arguments));
        ArgumentNullException.ThrowIfNull(Environment, nameof(Environment));
        if (StartTimeout != Timeout.InfiniteTimeSpan && StartTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(StartTimeout), StartTimeout, "StartTimeout must be positive; use Timeout.InfiniteTimeSpan for none.");
        if (MaxFrameBytes < 64)
            throw new ArgumentOutOfRangeException(nameof(MaxFrameBytes), MaxFrameBytes, "MaxFrameBytes must be at least 64 bytes; raise it to the largest response you expect.");
    }

    private static string DotnetHost()
    {
        if (System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)) return hostPath;
        if (System.Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return self;
        return "dotnet";
    }
}
