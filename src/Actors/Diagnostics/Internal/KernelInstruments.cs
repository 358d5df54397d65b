using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Actors.Internal;

/// <summary>
/// The kernel's instruments on one <see cref="Meter"/>, created once per meter: one shared meter for
/// systems created without an <see cref="IMeterFactory"/>, one per factory meter otherwise (a factory
/// hands the same meter to every system it serves). Systems attach their <see cref="SystemMetrics"/>
/// weakly, so the meter never keeps a system alive; a stopped system detaches at once.
/// </summary>
internal sealed class KernelInstruments
{
    private static readonly ConditionalWeakTable<Meter, KernelInstruments> s_byMeter = new();                 // factory meters
    private static readonly Lazy<KernelInstruments> s_shared = new(() => new KernelInstruments(new Meter(ActorTelemetry.MeterName)));   // never disposed: shared by every system

    private readonly Lock _lock = new();                               // guards _systems
    private readonly List<WeakReference<SystemMetrics>> _systems = [];   // attached systems; dead entries pruned on attach and on read

    private KernelInstruments(Meter meter)
    {
        Started = meter.CreateCounter<long>("actors.tasks.started", "{task}", "Tasks whose body began.");
        Finished = meter.CreateCounter<long>("actors.tasks.finished", "{task}", "Tasks that ended, by final state (actors.task.state: completed, failed, stopped).");
        DeadLettered = meter.CreateCounter<long>("actors.messages.dead_lettered", "{message}", "Messages never handled, by reason (actors.dead_letter.reason).");
        Blocked = meter.CreateCounter<long>("actors.turns.blocked", "{turn}", "Handler turns that held a thread past the blocking threshold.");
        meter.CreateObservableCounter("actors.messages.processed", ObserveMessages, "{message}", "Messages handled by handler actors.");
        meter.CreateObservableUpDownCounter("actors.mailbox.depth", ObserveDepth, "{message}", "Messages waiting in mailboxes.");
    }

    public Counter<long> Started { get; }

    public Counter<long> Finished { get; }

    public Counter<long> DeadLettered { get; }

    public Counter<long> Blocked { get; }

    /// <summary>The instruments for a system created with <paramref name="factory"/> (null: the shared meter).</summary>
    public static KernelInstruments For(IMeterFactory? factory)
    {
        if (factory is null) return s_shared.Value;
        var meter = factory.Create(new MeterOptions(ActorTelemetry.MeterName));
        return s_byMeter.GetValue(meter, static m => new KernelInstruments(m));
    }

    public void Attach(SystemMetrics metrics)
    {
        lock (_lock)
        {
            _systems.RemoveAll(static w => !w.TryGetTarget(out _));
            _systems.Add(new WeakReference<SystemMetrics>(metrics));
        }
    }

    public void Detach(SystemMetrics metrics)
    {
        lock (_lock) _systems.RemoveAll(w => !w.TryGetTarget(out var m) || ReferenceEquals(m, metrics));
    }

    private List<SystemMetrics> Live()
    {
        var live = new List<SystemMetrics>();
        lock (_lock)
        {
            _systems.RemoveAll(w => !w.TryGetTarget(out var m) || AddTo(live, m));
        }
        return live;

        static bool AddTo(List<SystemMetrics> list, SystemMetrics m)
        {
            list.Add(m);
            return false;
        }
    }

    private IEnumerable<Measurement<long>> ObserveMessages()
    {
        var measurements = new List<Measurement<long>>();
        foreach (var system in Live())
            foreach (var bucket in system.Buckets()) measurements.Add(new(bucket.Messages, bucket.Tags));
        return measurements;
    }

    /// <summary>Walks each system's mailbox registry (shard by shard, never the tree lock); every bucket reports, empty ones as 0.</summary>
    private IEnumerable<Measurement<long>> ObserveDepth()
    {
        var measurements = new List<Measurement<long>>();
        foreach (var system in Live())
        {
            var depths = new Dictionary<MetricBucket, long>();
            system.Mailboxes.AddDepths(depths);
            foreach (var bucket in system.Buckets()) measurements.Add(new(depths.GetValueOrDefault(bucket), bucket.Tags));
        }
        return measurements;
    }
}
