using System.Diagnostics.Metrics;

namespace Actors.Supervision.Pools.Internal;

/// <summary>Counters of the <c>Actors.Supervision</c> meter for worker pools, each tagged with the pool's path (<c>actors.pool</c>).</summary>
internal static class PoolMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = Supervision.Internal.SupervisionMeter.Name;

    private static readonly Meter s_meter = Supervision.Internal.SupervisionMeter.Meter;

    public static readonly Counter<long> Created = s_meter.CreateCounter<long>("actors.pool.workers.created", "{worker}", "Workers whose setup succeeded.");
    public static readonly Counter<long> Destroyed = s_meter.CreateCounter<long>("actors.pool.workers.destroyed", "{worker}", "Workers whose task ended after they were ready.");
    public static readonly Counter<long> Replaced = s_meter.CreateCounter<long>("actors.pool.workers.replaced", "{worker}", "Workers destroyed because a call threw.");
    public static readonly Counter<long> Recycled = s_meter.CreateCounter<long>("actors.pool.workers.recycled", "{worker}", "Workers destroyed after MaxCheckouts checkouts.");
    public static readonly Counter<long> Hung = s_meter.CreateCounter<long>("actors.pool.workers.hung", "{worker}", "Workers destroyed because a call ran past the hung-worker timeout.");
    public static readonly Counter<long> Faulted = s_meter.CreateCounter<long>("actors.pool.workers.faulted", "{worker}", "Workers destroyed by any fatal checkout error (hung included).");
    public static readonly Counter<long> SetupFailed = s_meter.CreateCounter<long>("actors.pool.setup.failed", "{worker}", "Worker setups that failed.");
    public static readonly Counter<long> Checkouts = s_meter.CreateCounter<long>("actors.pool.checkouts", "{checkout}", "Checkouts handed out.");
    public static readonly Counter<long> CheckoutTimeouts = s_meter.CreateCounter<long>("actors.pool.checkout.timeouts", "{checkout}", "Checkouts that waited past CheckoutTimeout.");

    public static void Add(Counter<long> counter, string pool)
    {
        if (counter.Enabled) counter.Add(1, new KeyValuePair<string, object?>("actors.pool", pool));
    }
}
