using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ChatLoad;

/// <summary>
/// The failover measurement (issue 11 item 6): a nats-server (temporary folder, loopback port) and three chat nodes
/// a, b, c as processes. bob on b makes #failover (so b owns it); amy and al on a, cat and cy on c join; amy and cat
/// send numbered messages at a steady pace; b is killed with SIGKILL mid-run; bob reconnects to a. Reported: the
/// failover window (from the kill until a message amy sent after it reaches c), and per stream (sender -> receiver
/// on another node) the messages lost, duplicated and reordered outside that window.
/// </summary>
internal static class Failover
{
    private const string Channel = "#failover";

    public static async Task<int> RunAsync(string dll, double rate, double before, double after, double? downAfter)
    {
        string[] detection = downAfter is { } d
            ? [$"--Actors:Cluster:DownAfter={TimeSpan.FromSeconds(d):c}", $"--Actors:Cluster:HeartbeatInterval={TimeSpan.FromSeconds(d / 6):c}"]
            : [];
        var dir = Directory.CreateTempSubdirectory("chatload-nats-").FullName;
        var natsPort = FreePort();
        using var nats = StartProcess("nats-server", ["-js", "-sd", dir, "-a", "127.0.0.1", "-p", natsPort.ToString(CultureInfo.InvariantCulture)], "nats");
        var nodes = new Dictionary<string, (Process Process, IPEndPoint Irc)>();
        try
        {
            await WaitForPortAsync(natsPort, nats);
            foreach (var id in new[] { "a", "b", "c" })
            {
                var irc = FreePort();
                var process = StartProcess("dotnet", [dll, $"--Chat:Cluster=nats://127.0.0.1:{natsPort}", $"--Chat:Node={id}", $"--Chat:IrcPort={irc}",
                    $"--Chat:HttpPort={FreePort()}", "--Chat:FloodControl=false", "--Chat:MaxConnectionsPerIp=0", "--Chat:Motd:0=failover",
                    "--Logging:LogLevel:Default=Warning", .. detection], id);
                nodes[id] = (process, new IPEndPoint(IPAddress.Loopback, irc));
            }
            foreach (var (id, (process, irc)) in nodes) await WaitForPortAsync(irc.Port, process);
            return await MeasureAsync(nodes, rate, before, after);
        }
        finally
        {
            foreach (var (process, _) in nodes.Values) Stop(process);
            Stop(nats);
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<int> MeasureAsync(Dictionary<string, (Process Process, IPEndPoint Irc)> nodes, double rate, double before, double after)
    {
        var patience = TimeSpan.FromSeconds(60);
        var bob = new FailoverClient("bob", "b");
        await bob.ConnectAsync(nodes["b"].Irc, "b", patience);
        await bob.JoinAsync(Channel);   // first in: node b owns the channel
        var clients = new[] { new FailoverClient("amy", "a"), new FailoverClient("al", "a"), new FailoverClient("cat", "c"), new FailoverClient("cy", "c") };
        foreach (var c in clients)
        {
            await c.ConnectAsync(nodes[c.Node].Irc, c.Node, patience);
            await c.JoinAsync(Channel);
        }
        var senders = new[] { clients[0], clients[2] };
        var sent = senders.ToDictionary(s => s.Nick, _ => new List<long>());   // send timestamp by sequence number
        var interval = TimeSpan.FromSeconds(1 / rate);
        var clock = Stopwatch.StartNew();
        var killAt = 0L;
        var killed = false;
        var total = TimeSpan.FromSeconds(before + after);
        var next = TimeSpan.Zero;
        while (clock.Elapsed < total)
        {
            if (!killed && clock.Elapsed >= TimeSpan.FromSeconds(before))
            {
                nodes["b"].Process.Kill();   // SIGKILL
                killAt = Stopwatch.GetTimestamp();
                killed = true;
                _ = ReconnectAsync(bob, nodes["a"].Irc, killAt);
            }
            foreach (var s in senders)
            {
                var list = sent[s.Nick];
                list.Add(Stopwatch.GetTimestamp());
                await s.TrySendAsync($"PRIVMSG {Channel} :m {list.Count - 1}");
            }
            next += interval;
            if (next > clock.Elapsed) await Task.Delay(next - clock.Elapsed);
        }
        await Task.Delay(TimeSpan.FromSeconds(3));   // the last lines drain
        return Report(clients, sent, killAt, rate, before, after);
    }

    private static async Task ReconnectAsync(FailoverClient bob, IPEndPoint target, long killAt)
    {
        await bob.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        await bob.ConnectAsync(target, "a", TimeSpan.FromSeconds(60));
        await bob.JoinAsync(Channel);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bob (on b) lost his link, reconnected to a with his nick and rejoined {Stopwatch.GetElapsedTime(killAt).TotalSeconds:F2} s after the kill"));
    }

    private static int Report(FailoverClient[] clients, Dictionary<string, List<long>> sent, long killAt, double rate, double before, double after)
    {
        static double Since(long from, long at) => (at - from) / (double)Stopwatch.Frequency;
        // The window ends when messages cross between a and c again both ways: a message amy (a) sent after the kill
        // reaches c, and one cat (c) sent after it reaches a (each node notices b's death on its own heartbeat tick).
        double? Back(string sender, string toNode)
        {
            var firstAfter = sent[sender].FindIndex(t => t > killAt);
            var arrivals = clients.Where(c => c.Node == toNode).SelectMany(c => c.Snapshot()).Where(r => r.From == sender && r.Seq >= firstAfter).ToList();
            return firstAfter < 0 || arrivals.Count == 0 ? null : Since(killAt, arrivals.Min(r => r.At));
        }
        if (Back("amy", "c") is not { } aToC || Back("cat", "a") is not { } cToA)
        {
            Console.WriteLine("FAILED: messages did not cross between a and c after the kill.");
            return 1;
        }
        var window = Math.Max(aToC, cToA);
        var windowEndSend = killAt + (long)(window * Stopwatch.Frequency);   // messages sent from then on must all arrive
        var windowStartSend = killAt - (long)(0.2 * Stopwatch.Frequency);   // in flight to b when it died: inside the window
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"failover window: {window:F2} s from the SIGKILL of b until messages crossed between a and c again (a -> c after {aToC:F2} s, c -> a after {cToA:F2} s)"));
        var bad = 0;
        Console.WriteLine("| stream | sent | received | lost in window | lost outside | duplicated | reordered |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (sender, times) in sent)
        {
            var from = clients.First(c => c.Nick == sender);
            foreach (var receiver in clients.Where(c => c != from))
            {
                var got = receiver.Snapshot().Where(r => r.From == sender).Select(r => r.Seq).ToList();
                var seen = new HashSet<int>();
                int dup = 0, reordered = 0, max = -1;
                foreach (var seq in got)
                {
                    if (!seen.Add(seq)) dup++;
                    else if (seq < max) reordered++;
                    max = Math.Max(max, seq);
                }
                int lostIn = 0, lostOut = 0;
                for (var i = 0; i < times.Count; i++)
                {
                    if (seen.Contains(i)) continue;
                    if (times[i] >= windowStartSend && times[i] < windowEndSend) lostIn++;
                    else lostOut++;
                }
                bad += lostOut + dup + reordered;
                Console.WriteLine($"| {sender} ({from.Node}) -> {receiver.Nick} ({receiver.Node}) | {times.Count} | {got.Count} | {lostIn} | {lostOut} | {dup} | {reordered} |");
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rate} messages/s per sender, b killed after {before} s, {after} s more; outside the window: {(bad == 0 ? "nothing lost, duplicated or reordered" : $"{bad} problems")}"));
        return bad == 0 ? 0 : 1;
    }

    private static Process StartProcess(string file, string[] args, string name)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } && name != "nats") Console.Error.WriteLine($"[{name}] {e.Data}"); };   // nats-server logs its banner there
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForPortAsync(int port, Process process)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"A process exited (code {process.ExitCode}) before listening on port {port}.");
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(60)) { await Task.Delay(100); }
        }
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(30_000);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
