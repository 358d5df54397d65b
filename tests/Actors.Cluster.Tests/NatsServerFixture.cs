using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Actors.Cluster.Tests;

/// <summary>Starts a nats-server with JetStream on a free loopback port in a temporary folder; stops it by pid at the end.</summary>
public sealed class NatsServerFixture : IAsyncLifetime
{
    private Process? _server;
    private string? _storeDir;

    private int _port;

    public string Url { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _port = FreePort();
        _storeDir = Directory.CreateTempSubdirectory("actors-cluster-js-").FullName;
        Url = $"nats://127.0.0.1:{_port}";
        await StartAsync();
    }

    /// <summary>Kills the server and starts it again on the same port and store (tests in this collection run one at a time).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    private async Task StartAsync()
    {
        var binary = FindBinary() ?? throw new InvalidOperationException(
            "nats-server is not installed. Install it with 'bash .ci/install-deps' (Debian: apt-get install nats-server); CI does this in .ci/run.");
        var port = _port;
        var info = new ProcessStartInfo(binary, ["-js", "-sd", _storeDir!, "-a", "127.0.0.1", "-p", port.ToString(global::System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _server = Process.Start(info) ?? throw new InvalidOperationException("nats-server did not start.");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_server.HasExited) throw new InvalidOperationException($"nats-server exited at start with code {_server.ExitCode}.");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50);   // polling the port, bounded by the deadline above
            }
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (_storeDir is not null) Directory.Delete(_storeDir, recursive: true);
    }

    private async Task StopAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill();
            await _server.WaitForExitAsync();
        }
        _server?.Dispose();
        _server = null;
    }

    private static string? FindBinary()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/sbin").Append("/usr/bin"))
        {
            var candidate = Path.Combine(dir, "nats-server");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>A loopback port nobody listens on right now (the test then binds it).</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class NatsCollection : ICollectionFixture<NatsServerFixture>
{
    public const string Name = "nats";
}
