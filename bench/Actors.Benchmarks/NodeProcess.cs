using System.Diagnostics;

namespace Actors.Benchmarks;

/// <summary>
/// This benchmark executable started again as the other node of a remote benchmark (the hidden <c>node</c>
/// subcommand, <see cref="RemoteNode"/>): waits for its "ready" line; killed by pid on dispose (a node
/// also exits by itself when its standard input closes, so none outlives a crashed benchmark).
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private NodeProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>Actors.Benchmarks node ARGS</c> and waits until it prints "ready".</summary>
    public static async Task<NodeProcess> StartAsync(params string[] args)
    {
        var entry = typeof(NodeProcess).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(entry);
        info.ArgumentList.Add(RemoteNode.Command);
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("The node process did not start.");
        var node = new NodeProcess(process);
        var name = string.Join(' ', args.Take(1).Concat(args.Skip(3).Take(1)));
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine($"  [node {name}] {e.Data}"); };
        process.BeginErrorReadLine();
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (line != "ready") throw new InvalidOperationException($"The node process ({string.Join(' ', args)}) said '{line}' instead of 'ready'.");
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL, at once: no goodbye, nothing released.</summary>
    public void Kill() => _process.Kill();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        _process.Dispose();
    }
}
