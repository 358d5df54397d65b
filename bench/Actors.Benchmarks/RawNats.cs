using System.Diagnostics;
using System.Text.Json;
using NATS.Client.Core;

namespace Actors.Benchmarks;

/// <summary>
/// remote.*'s baseline: NATS.Client.Core alone, no actors. The same JSON as the cluster sends (a <see cref="SinkMsg.Ping"/>),
/// published to one subject and counted by a subscription on the other process (65,536-message buffer, waiting when
/// full, as the cluster's); asks are plain NATS requests answered by that subscription.
/// </summary>
internal sealed class RawNats(NatsConnection connection, string prefix) : IAsyncDisposable
{
    public const string How = "NATS.Client.Core 3.3.2 alone: publish the same JSON to a subscription in the other process; asks as NATS requests";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(25);

    private string Subject => prefix + ".raw";

    public static async Task<RawNats> ConnectAsync(string url, string prefix)
    {
        var connection = new NatsConnection(NatsOpts.Default with { Url = url, Name = "bench-raw" });
        await connection.ConnectAsync();
        return new RawNats(connection, prefix);
    }

    /// <summary>The receiving side: counts pings on one subject, answers a request there with the count, and echoes requests on a second.</summary>
    public async Task ServeAsync(CancellationToken cancellationToken)
    {
        var opts = new NatsSubOpts { ChannelOpts = new NatsSubChannelOpts { Capacity = 65_536, FullMode = System.Threading.Channels.BoundedChannelFullMode.Wait } };
        await using var pings = await connection.SubscribeCoreAsync<byte[]>(Subject, opts: opts, cancellationToken: cancellationToken);
        await using var echoes = await connection.SubscribeCoreAsync<byte[]>(Subject + "echo", opts: opts, cancellationToken: cancellationToken);
        var echoing = EchoAsync(echoes, cancellationToken);
        var count = 0;
        try
        {
            await foreach (var msg in pings.Msgs.ReadAllAsync(cancellationToken))
            {
                if (msg.ReplyTo is null)
                {
                    _ = JsonSerializer.Deserialize(msg.Data, RemoteJsonContext.Default.SinkMsg);
                    count++;
                }
                else
                {
                    await msg.ReplyAsync(JsonSerializer.SerializeToUtf8Bytes(count, RemoteJsonContext.Default.Int32), cancellationToken: cancellationToken);
                    count = 0;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
        await echoing;
    }

    private static async Task EchoAsync(INatsSub<byte[]> echoes, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var msg in echoes.Msgs.ReadAllAsync(cancellationToken))
            {
                var ping = (SinkMsg.Ping)JsonSerializer.Deserialize(msg.Data, RemoteJsonContext.Default.SinkMsg)!;
                await msg.ReplyAsync(JsonSerializer.SerializeToUtf8Bytes(ping.N, RemoteJsonContext.Default.Int32), cancellationToken: cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
    }

    /// <summary>Publishes <paramref name="tells"/> pings (each encoded), then requests the count; returns delivered msg/s.</summary>
    public async Task<double> TellAsync(int tells)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < tells; i++)
            await connection.PublishAsync(Subject, JsonSerializer.SerializeToUtf8Bytes<SinkMsg>(new SinkMsg.Ping(i), RemoteJsonContext.Default.SinkMsg));
        var reply = await connection.RequestAsync<byte[], byte[]>(Subject, [], replyOpts: new NatsSubOpts { Timeout = s_timeout });
        var got = JsonSerializer.Deserialize(reply.Data, RemoteJsonContext.Default.Int32);
        return RemoteBenchmark.Rate("raw NATS", got, tells, clock.Elapsed);
    }

    /// <summary>Sequential requests; p50 and p99 in microseconds.</summary>
    public async Task<double[]> AskAsync(int asks)
    {
        var latencies = new long[asks];
        var opts = new NatsSubOpts { Timeout = s_timeout };
        for (var i = 0; i < asks; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var payload = JsonSerializer.SerializeToUtf8Bytes<SinkMsg>(new SinkMsg.Ping(42), RemoteJsonContext.Default.SinkMsg);
            var reply = await connection.RequestAsync<byte[], byte[]>(Subject + "echo", payload, replyOpts: opts);
            _ = JsonSerializer.Deserialize(reply.Data, RemoteJsonContext.Default.Int32);
            latencies[i] = Stopwatch.GetTimestamp() - start;
        }
        return [Percentiles.Micros(latencies, 0.50), Percentiles.Micros(latencies, 0.99)];
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
