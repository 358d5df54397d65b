using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Actors.Tests;

/// <summary>An <see cref="IMeterFactory"/> whose meters are scoped to it, so a test sees only its own measurements.</summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly ConcurrentDictionary<string, Meter> _meters = new();

    public Meter Create(MeterOptions options) =>
        _meters.GetOrAdd(options.Name, name => new Meter(new MeterOptions(name) { Version = options.Version, Tags = options.Tags, Scope = this }));

    public void Dispose()
    {
        foreach (var meter in _meters.Values) meter.Dispose();
    }
}
