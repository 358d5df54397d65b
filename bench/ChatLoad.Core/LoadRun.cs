using System.Diagnostics;
using System.Net;
using System.Text;

namespace ChatLoad;

/// <summary>N clients join one channel; S of them send M messages each (flat out, or paced at a rate per sender).</summary>
internal static class LoadRun
{
    private const string Channel = "#load";
    private static int s_runs;

    public static async Task<LoadResult> RunAsync(IPEndPoint endpoint, Func<double>? serverCpu, int clients, int senders, int messages, double ratePerSender, CancellationToken ct)
    {
        var counters = new LoadCounters();
        // Nicks new to every run: the previous run's clients may not have quit on the server yet (ngircd's nicks are at most 9 characters).
        var run = Interlocked.Increment(ref s_runs);
        var all = Enumerable.Range(0, clients).Select(i => new LoadClient($"l{run}n{i}", counters)).ToList();
        try
        {
            await ForEachAsync(all, 50, c => c.ConnectAsync(endpoint, ct));
            await ForEachAsync(all, 50, c => c.JoinAsync(Channel, ct));
            // Warm-up: every sender sends a few messages and they all arrive.
            await SendRoundAsync(all.Take(senders).ToList(), counters, 5, 0, clients, ct);
            foreach (var c in all) c.LatenciesMicros.Clear();
            var cpu0 = serverCpu?.Invoke() ?? 0;
            var start = Stopwatch.GetTimestamp();
            var delivered = await SendRoundAsync(all.Take(senders).ToList(), counters, messages, ratePerSender, clients, ct);
            var seconds = Stopwatch.GetElapsedTime(start, counters.LastDeliveryTimestamp).TotalSeconds;
            var cpu = (serverCpu?.Invoke() ?? 0) - cpu0;
            var latencies = all.SelectMany(c => c.LatenciesMicros).ToArray();
            Array.Sort(latencies);
            return new LoadResult(delivered, seconds, cpu, Percentile(latencies, 0.50) / 1000.0, Percentile(latencies, 0.99) / 1000.0);
        }
        finally
        {
            foreach (var c in all) c.Close();
        }
    }

    /// <summary>Connects <paramref name="count"/> registered clients (nicks idle<paramref name="firstNumber"/> and up) and leaves them idle; returns them for closing.</summary>
    public static async Task<List<LoadClient>> ConnectIdleAsync(IPEndPoint endpoint, int count, CancellationToken ct, int firstNumber = 0)
    {
        var counters = new LoadCounters();
        var all = Enumerable.Range(firstNumber, count).Select(i => new LoadClient($"idle{i}", counters)).ToList();
        // At most 8 handshakes at once: ngircd listens with a backlog of 10, and past it the kernel drops SYNs that the
        // client resends after 1, 3, 7, 15, 31 s, so that with 100 at once some registrations took over a minute.
        await ForEachAsync(all, 8, c => c.ConnectAsync(endpoint, ct));
        return all;
    }

    private static async Task<long> SendRoundAsync(List<LoadClient> senders, LoadCounters counters, int messages, double rate, int clients, CancellationToken ct)
    {
        var expected = (long)senders.Count * messages * (clients - 1);
        counters.Expect(expected);
        var done = counters.AllDelivered;
        var padding = new string('x', 80);
        await Task.WhenAll(senders.Select(sender => Task.Run(async () =>
        {
            var begin = Stopwatch.GetTimestamp();
            var batch = new StringBuilder();
            for (var m = 0; m < messages; m++)
            {
                if (rate > 0)
                {
                    var due = TimeSpan.FromSeconds(m / rate) - Stopwatch.GetElapsedTime(begin);
                    if (due > TimeSpan.Zero) await Task.Delay(due, ct);
                    await sender.SendAsync(Encoding.ASCII.GetBytes($"PRIVMSG {Channel} :{Stopwatch.GetTimestamp()} {padding}\r\n"), ct);
                    continue;
                }
                batch.Append("PRIVMSG ").Append(Channel).Append(" :").Append(Stopwatch.GetTimestamp()).Append(' ').Append(padding).Append("\r\n");
                if (batch.Length > 4000 || m == messages - 1)
                {
                    await sender.SendAsync(Encoding.ASCII.GetBytes(batch.ToString()), ct);
                    batch.Clear();
                }
            }
        }, ct)));
        try { await done.WaitAsync(TimeSpan.FromSeconds(600), ct); }
        catch (TimeoutException) { Console.Error.WriteLine($"only {counters.DeliveredCount} of {expected} deliveries arrived"); throw; }
        return expected;
    }

    private static async Task ForEachAsync<T>(IEnumerable<T> items, int parallel, Func<T, Task> action)
    {
        using var gate = new SemaphoreSlim(parallel);
        await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync();
            try { await action(item); }
            finally { gate.Release(); }
        }));
    }

    private static double Percentile(int[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
