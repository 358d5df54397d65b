namespace ChatLoad;

/// <summary>Memory per idle registered connection: RSS growth while N idle clients are held, read 2 s after each step.</summary>
/// <param name="Count">Idle connections held.</param>
/// <param name="Cold">Growth per connection from the fresh server's RSS (includes what the first connections cost once).</param>
/// <param name="Warm">Growth per connection after a warm-up round of N clients connected and closed: code compiled on first
/// use, tiered up, pools and tables sized and the GC's budgets grown are in the baseline, for both servers alike.</param>
/// <param name="Marginal">Growth per connection over the second half of the warm count (the cost of one more connection).</param>
internal sealed record IdleRun(int Count, double Cold, double Warm, double Marginal)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);   // buffers returned, sockets closed, before reading RSS

    public static async Task<IdleRun> MeasureAsync(ServerProcess server, int count, CancellationToken ct)
    {
        var fresh = server.RssBytes();
        var warmUp = await LoadRun.ConnectIdleAsync(server.EndPoint, count, ct, firstNumber: count).ConfigureAwait(false);
        await Task.Delay(Settle, ct).ConfigureAwait(false);
        var cold = (server.RssBytes() - fresh) / (double)count;
        foreach (var client in warmUp) client.Close();
        await Task.Delay(Settle, ct).ConfigureAwait(false);
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
            return new IdleRun(count, cold, (after - before) / (double)count, (after - middle) / (double)(count - half));
        }
        finally
        {
            foreach (var client in idle) client.Close();
        }
    }

    public override string ToString() =>
        $"{Count} idle registered connections held: {Cold:F0} B per connection cold, {Warm:F0} B after a warm-up round, {Marginal:F0} B each over the second half";
}
