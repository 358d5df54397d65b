namespace ChatLoad;

/// <summary>Memory per idle registered connection on a fresh server: RSS growth while N idle clients are held, read 2 s
/// after each half. (A warm-up round of clients connected and closed first does not work: neither ngircd's malloc nor
/// the .NET GC gives the memory back, so the measured clients reuse it and the growth reads as about zero for both.)</summary>
/// <param name="Count">Idle connections held.</param>
/// <param name="PerConnection">Growth per connection from the fresh server's RSS (includes what the first connections cost once:
/// code compiled on first use and tiered up, pools and tables sized, the GC's budgets grown).</param>
/// <param name="Marginal">Growth per connection over the second half (the cost of one more connection).</param>
internal sealed record IdleRun(int Count, double PerConnection, double Marginal)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);   // buffers returned, before reading RSS

    public static async Task<IdleRun> MeasureAsync(ServerProcess server, int count, CancellationToken ct)
    {
        var before = server.RssBytes();
        var half = count / 2;
        var idle = await LoadRun.ConnectIdleAsync(server.EndPoint, half, ct).ConfigureAwait(false);
        try
        {
            await Task.Delay(Settle, ct).ConfigureAwait(false);
            var middle = server.RssBytes();
            idle.AddRange(await LoadRun.ConnectIdleAsync(server.EndPoint, count - half, ct, half).ConfigureAwait(false));
            await Task.Delay(Settle, ct).ConfigureAwait(false);
            var after = server.RssBytes();
            return new IdleRun(count, (after - before) / (double)count, (after - middle) / (double)(count - half));
        }
        finally
        {
            foreach (var client in idle) client.Close();
        }
    }

    public override string ToString() =>
        $"{Count} idle registered connections held: {PerConnection:F0} B per connection ({Marginal:F0} B each over the second half)";
}
