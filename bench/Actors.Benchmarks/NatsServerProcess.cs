using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Actors.Benchmarks;

/// <summary>A <c>nats-server -js</c> on a free loopback port with its store in a temporary folder, for remote.* and cluster.failover; killed by pid on dispose.</summary>
internal sealed class NatsServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _storeDir;

    private NatsServerProcess(Process process, string storeDir, int port)
    {
        _process = process;
        _storeDir = storeDir;
        Url = $"nats://127.0.0.1:{port}";
    }

    /// <summary>The server's URL.</summary>
    public string Url { get; }

    /// <summary>The installed server binary, or null when there is none (the benchmarks then skip with a note).</summary>
    public static string? Find() =>
        new[] { "/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server" }.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "nats-server")).FirstOrDefault(File.Exists);

    public static async Task<NatsServerProcess> StartAsync(string binary)
    {
        var port = FreePort();
        var dir = Directory.CreateTempSubdirectory("actors-bench-nats-").FullName;
        var info = new ProcessStartInfo(binary, ["-js", "-sd", dir, "-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("nats-server did not start.");
        var server = new NatsServerProcess(process, dir, port);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"nats-server exited at start with code {process.ExitCode}.");
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    return server;
                }
                catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(30)) { await Task.Delay(50); }
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        _process.Dispose();
        try { Directory.Delete(_storeDir, recursive: true); }
        catch (IOException) { }
    }
}
