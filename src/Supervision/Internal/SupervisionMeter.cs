using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Actors.Supervision.Internal;

/// <summary>
/// The counters of the <see cref="SupervisionTelemetry.MeterName"/> meter, created once per meter: one
/// shared meter for systems without an <see cref="IMeterFactory"/>, else the factory's. Tags are bounded:
/// the system's name and the supervisor's or pool's name, never a path.
/// </summary>
internal sealed class SupervisionMeter
{
    private static readonly ConditionalWeakTable<Meter, SupervisionMeter> s_byMeter = new();                 // factory meters
    private static readonly Lazy<SupervisionMeter> s_shared = new(() => new SupervisionMeter(new Meter(SupervisionTelemetry.MeterName)));   // never disposed

    private SupervisionMeter(Meter meter)
    {
        Restarts = meter.CreateCounter<long>("actors.supervisor.restarts", "{restart}", "Child restarts (a group restart counts each child).");
        Escalations = meter.CreateCounter<long>("actors.supervisor.escalations", "{escalation}", "Supervisors that failed to their parent (intensity exceeded or Escalate).");
        WorkersCreated = meter.CreateCounter<long>("actors.pool.workers.created", "{worker}", "Workers whose setup succeeded.");
        WorkersDestroyed = meter.CreateCounter<long>("actors.pool.workers.destroyed", "{worker}", "Workers whose task ended after they were ready.");
        WorkersReplaced = meter.CreateCounter<long>("actors.pool.workers.replaced", "{worker}", "Workers destroyed because a call threw.");
        WorkersRecycled = meter.CreateCounter<long>("actors.pool.workers.recycled", "{worker}", "Workers destroyed after MaxCheckouts checkouts.");
        WorkersHung = meter.CreateCounter<long>("actors.pool.workers.hung", "{worker}", "Workers destroyed because a call ran past the hung-worker timeout.");
        WorkersFaulted = meter.CreateCounter<long>("actors.pool.workers.faulted", "{worker}", "Workers destroyed by any fatal checkout error (hung included).");
        SetupsFailed = meter.CreateCounter<long>("actors.pool.setup.failed", "{worker}", "Worker setups that failed.");
        Checkouts = meter.CreateCounter<long>("actors.pool.checkouts", "{checkout}", "Checkouts handed out.");
        CheckoutTimeouts = meter.CreateCounter<long>("actors.pool.checkout.timeouts", "{checkout}", "Checkouts that waited past CheckoutTimeout.");
    }

    public Counter<long> Restarts { get; }

    public Counter<long> Escalations { get; }

    public Counter<long> WorkersCreated { get; }

    public Counter<long> WorkersDestroyed { get; }

    public Counter<long> WorkersReplaced { get; }

    public Counter<long> WorkersRecycled { get; }

    public Counter<long> WorkersHung { get; }

    public Counter<long> WorkersFaulted { get; }

    public Counter<long> SetupsFailed { get; }

    public Counter<long> Checkouts { get; }

    public Counter<long> CheckoutTimeouts { get; }

    /// <summary>The counters for <paramref name="system"/>'s meter.</summary>
    public static SupervisionMeter For(ActorSystem system)
    {
        if (system.Options.MeterFactory is not { } factory) return s_shared.Value;
        var meter = factory.Create(new MeterOptions(SupervisionTelemetry.MeterName));
        return s_byMeter.GetValue(meter, static m => new SupervisionMeter(m));
    }

    /// <summary>The tags of one supervisor or pool: <c>actors.system.name</c> and <paramref name="key"/> = <paramref name="name"/>.</summary>
    public static KeyValuePair<string, object?>[] Tags(ActorSystem system, string key, string? name) =>
        [new("actors.system.name", system.Options.Name), new(key, name ?? "")];

    /// <summary>Counts one event.</summary>
    public static void Add(Counter<long> counter, KeyValuePair<string, object?>[] tags)
    {
        if (counter.Enabled) counter.Add(1, tags);
    }
}
