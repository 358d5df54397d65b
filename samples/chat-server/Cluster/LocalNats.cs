using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChatServer.Cluster;

/// <summary>
/// Starts a NATS server for a chat cluster on this machine when the cluster's URL is a loopback address and nothing
/// answers there, so three commands start a three-node chat. The server (Debian's <c>nats-server</c>, on PATH or in
/// /usr/sbin, JetStream on) runs in its own session (<c>setsid</c>), so it outlives the node that started it, even a
/// killed one; its store, log and pid file are in <c>$TMPDIR/actors-chat-nats-&lt;port&gt;</c>. Starters on one machine
/// take turns through a lock file there: the first starts the server, the others find it answering. Stop it with
/// <c>kill $(cat /tmp/actors-chat-nats-4222/nats.pid)</c>.
/// </summary>
internal static class LocalNats
{
    private static readonly TimeSpan s_startFor = TimeSpan.FromSeconds(20);

    /// <summary>Makes sure a NATS server answers at <paramref name="url"/> if it is a loopback address (any other URL is
    /// left alone); returns the folder of the server it started, or null if it started none.</summary>
    /// <exception cref="InvalidOperationException">No <c>nats-server</c> is installed, or the one started did not answer in time.</exception>
    public static string? EnsureRunning(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsLoopback) return null;
        var address = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip : IPAddress.Loopback;
        var port = uri.Port > 0 ? uri.Port : 4222;
        if (Answers(address, port)) return null;
        var dir = Path.Combine(Path.GetTempPath(), $"actors-chat-nats-{port}");
        Directory.CreateDirectory(dir);
        var deadline = DateTime.UtcNow + s_startFor;
        using var turn = TakeTurn(Path.Combine(dir, "start.lock"), deadline);
        if (Answers(address, port)) return null;   // another starter's server, up while this one waited for its turn
        var exe = Find() ?? throw new InvalidOperationException(
            $"Nothing answers at {url} and no nats-server is installed (looked on PATH and in /usr/sbin): install it (apt-get install nats-server, or bash .ci/install-deps) or start one there.");
        Start(exe, address, port, dir);
        while (!Answers(address, port))
        {
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"The nats-server started for {url} did not answer within {s_startFor.TotalSeconds:0} s; see its log, {Path.Combine(dir, "nats.log")}.");
            Thread.Sleep(100);   // polling a port the server is opening, bounded by the deadline
        }
        return dir;
    }

    private static void Start(string exe, IPAddress address, int port, string dir)
    {
        string[] args = ["-js", "-a", address.ToString(), "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-sd", Path.Combine(dir, "store"), "-l", Path.Combine(dir, "nats.log"), "-P", Path.Combine(dir, "nats.pid")];
        // Its own session (no signal to the node's process group reaches it) and no stdio of the node's (a parent reading the
        // node's output to its end is not held open by the server): sh points stdio at /dev/null, setsid -f forks the server.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var arg in (string[])["-c", "exec \"$@\" </dev/null >/dev/null 2>&1", "sh"]) start.ArgumentList.Add(arg);
        if (File.Exists("/usr/bin/setsid")) { start.ArgumentList.Add("/usr/bin/setsid"); start.ArgumentList.Add("-f"); }
        start.ArgumentList.Add(exe);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {exe}.");
        if (start.ArgumentList.Contains("-f")) process.WaitForExit(TimeSpan.FromSeconds(5));   // setsid -f returns once the server is forked
    }

    /// <summary>Holds the lock file (an exclusive open, a flock on Linux) until disposed; waits for it until <paramref name="deadline"/>.</summary>
    private static FileStream TakeTurn(string path, DateTime deadline)
    {
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (DateTime.UtcNow < deadline) { Thread.Sleep(100); }   // another starter holds it, bounded
        }
    }

    private static string? Find()
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin");
        return dirs.Select(d => Path.Combine(d, "nats-server")).FirstOrDefault(File.Exists);
    }

    private static bool Answers(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try { return socket.ConnectAsync(address, port).Wait(TimeSpan.FromMilliseconds(500)); }
        catch (AggregateException) { return false; }
    }
}
