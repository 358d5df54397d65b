using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChatLoad;

/// <summary>A server under test, started as its own process (ours or ngircd) on a loopback port; CPU and RSS from /proc.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string? _tempDir;

    private ServerProcess(string name, Process process, IPEndPoint endpoint, string? tempDir)
    {
        Name = name;
        _process = process;
        EndPoint = endpoint;
        _tempDir = tempDir;
    }

    public string Name { get; }

    public IPEndPoint EndPoint { get; }

    public int Pid => _process.Id;

    public static Task<ServerProcess> StartOursAsync(string dll, int port, int httpPort)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, $"--Chat:IrcPort={port}", $"--Chat:HttpPort={httpPort}", "--Chat:FloodControl=false",
                     "--Chat:MaxConnectionsPerIp=0", "--Chat:PingInterval=00:30:00", "--Chat:PingTimeout=00:30:00", "--Chat:Motd:0=load",
                     "--Chat:SendQueueBytes=4194304", "--Logging:LogLevel:Default=Warning" })
            info.ArgumentList.Add(a);
        return StartAsync("actors-chat", info, port, null);
    }

    public static Task<ServerProcess> StartNgircdAsync(int port)
    {
        var dir = Directory.CreateTempSubdirectory("chatload-ngircd-").FullName;
        var conf = Path.Combine(dir, "ngircd.conf");
        File.WriteAllText(conf, $"""
            [Global]
                Name = ngircd.local
                Info = load comparison
                Listen = 127.0.0.1
                Ports = {port}
                MotdPhrase = load
                PidFile = {dir}/ngircd.pid
                ServerUID = 65534
                ServerGID = 65534
            [Limits]
                MaxConnections = 0
                MaxConnectionsIP = 0
                MaxJoins = 0
                MaxPenaltyTime = 0
                PingTimeout = 1800
                PongTimeout = 1800
            [Options]
                DNS = no
                Ident = no
                PAM = no
            """);
        var info = new ProcessStartInfo("/usr/sbin/ngircd") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--nodaemon", "--config", conf }) info.ArgumentList.Add(a);
        return StartAsync("ngircd", info, port, dir);
    }

    private static async Task<ServerProcess> StartAsync(string name, ProcessStartInfo info, int port, string? dir)
    {
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine($"[{name}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        var clock = Stopwatch.StartNew();
        while (true)   // wait until it accepts connections
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited with code {process.ExitCode} before listening on {endpoint}.");
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await probe.ConnectAsync(endpoint);
                break;
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(60)) { await Task.Delay(100); }
        }
        return new ServerProcess(name, process, endpoint, dir);
    }

    /// <summary>User + system CPU seconds the process has used.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;   // utime, stime in clock ticks (100 Hz)
    }

    /// <summary>Resident set size in bytes.</summary>
    public long RssBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        _process.Dispose();
        if (_tempDir is not null) Directory.Delete(_tempDir, recursive: true);
    }
}
