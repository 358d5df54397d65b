using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Actors.Tests;

/// <summary>
/// Records the kernel meter's long measurements that belong to one system: either every measurement
/// tagged with the system's name, or every measurement of the meter a given <see cref="IMeterFactory"/>
/// made. Sums and last values are kept per instrument and per instrument and tag value.
/// </summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();
    private readonly ConcurrentDictionary<string, long> _last = new();

    private MetricRecorder(Func<Instrument, bool> instruments, string? system)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name != ActorTelemetry.MeterName || !instruments(instrument)) return;
            Instruments[instrument.Name] = instrument;
            listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (system is not null)
            {
                var mine = false;
                foreach (var tag in tags) mine |= tag.Key == "actors.system.name" && Equals(tag.Value, system);
                if (!mine) return;
            }
            _totals.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
            foreach (var tag in tags)
            {
                TagKeys.Add(tag.Key);
                TagValues.Add(tag.Value?.ToString() ?? "");
                var key = $"{instrument.Name}|{tag.Key}={tag.Value}";
                _totals.AddOrUpdate(key, value, (_, sum) => sum + value);
                _last[key] = value;
            }
        });
        _listener.Start();
    }

    /// <summary>Measurements tagged with the system named <paramref name="system"/>, from the shared meter.</summary>
    public static MetricRecorder ForSystem(string system) => new(_ => true, system);

    /// <summary>Every measurement of the kernel meter that <paramref name="factory"/> created.</summary>
    public static MetricRecorder ForFactory(IMeterFactory factory) => new(i => i.Meter.Scope == factory, null);

    /// <summary>The instruments seen, by name.</summary>
    public ConcurrentDictionary<string, Instrument> Instruments { get; } = new();

    /// <summary>Every tag key recorded.</summary>
    public ConcurrentBag<string> TagKeys { get; } = [];

    /// <summary>Every tag value recorded.</summary>
    public ConcurrentBag<string> TagValues { get; } = [];

    public long Total(string instrument) => _totals.GetValueOrDefault(instrument);

    public long Total(string instrument, string tag, string value) => _totals.GetValueOrDefault($"{instrument}|{tag}={value}");

    public long Last(string instrument, string tag, string value) => _last.GetValueOrDefault($"{instrument}|{tag}={value}", -1);

    /// <summary>Collects the observable instruments (mailbox depth, messages processed) now.</summary>
    public void RecordObservable() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();
}
