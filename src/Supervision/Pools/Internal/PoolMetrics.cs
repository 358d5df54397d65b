using System.Diagnostics.Metrics;
using Actors.Supervision.Internal;

namespace Actors.Supervision.Pools.Internal;

/// <summary>One pool's counters on the <c>Actors.Supervision</c> meter, tagged with the system's and the pool's name (<c>actors.pool.name</c>).</summary>
internal sealed class PoolMetrics(ActorSystem system, string pool)
{
    private readonly SupervisionMeter _meter = SupervisionMeter.For(system);                                     // immutable
    private readonly KeyValuePair<string, object?>[] _tags = SupervisionMeter.Tags(system, "actors.pool.name", pool);   // immutable

    public Counter<long> Created => _meter.WorkersCreated;

    public Counter<long> Destroyed => _meter.WorkersDestroyed;

    public Counter<long> Replaced => _meter.WorkersReplaced;

    public Counter<long> Recycled => _meter.WorkersRecycled;

    public Counter<long> Hung => _meter.WorkersHung;

    public Counter<long> Faulted => _meter.WorkersFaulted;

    public Counter<long> SetupFailed => _meter.SetupsFailed;

    public Counter<long> Checkouts => _meter.Checkouts;

    public Counter<long> CheckoutTimeouts => _meter.CheckoutTimeouts;

    public void Add(Counter<long> counter) => SupervisionMeter.Add(counter, _tags);
}
