using System.Collections.Concurrent;

namespace Actors.Internal;

/// <summary>
/// What the observable instruments read of one system: its buckets and its mailbox registry. It holds no
/// reference to the <see cref="ActorSystem"/>, and the instruments hold it weakly, so a finished system
/// that nobody disposed can still be collected.
/// </summary>
internal sealed class SystemMetrics
{
    /// <summary>Distinct metric labels per system before further ones share the <see cref="OverflowLabel"/> series.</summary>
    public const int MaxLabels = 100;

    /// <summary>The label reported for tasks past <see cref="MaxLabels"/> distinct labels.</summary>
    public const string OverflowLabel = "_overflow";

    private readonly string _system;                                                              // the system's name; immutable
    private readonly MetricBucket _handlers, _processes;                                          // unlabelled tasks; immutable
    private readonly ConcurrentDictionary<(ActorBodyKind Kind, string Label), MetricBucket> _labelled = new();   // at most MaxLabels + 2 entries

    public SystemMetrics(string system)
    {
        _system = system;
        _handlers = Create(ActorBodyKind.Handler, null);
        _processes = Create(ActorBodyKind.Process, null);
    }

    public MailboxRegistry Mailboxes { get; } = new();

    public long MessagesHandled => Buckets().Sum(b => b.Messages);

    public MetricBucket BucketFor(ActorBodyKind kind, string? label)
    {
        if (label is null) return kind == ActorBodyKind.Handler ? _handlers : _processes;
        if (_labelled.TryGetValue((kind, label), out var bucket)) return bucket;
        if (_labelled.Count >= MaxLabels) label = OverflowLabel;   // unbounded labels must not make unbounded series
        return _labelled.GetOrAdd((kind, label), static (key, self) => self.Create(key.Kind, key.Label), this);
    }

    public IEnumerable<MetricBucket> Buckets()
    {
        yield return _handlers;
        yield return _processes;
        foreach (var bucket in _labelled.Values) yield return bucket;
    }

    private MetricBucket Create(ActorBodyKind kind, string? label)
    {
        var kindTag = new KeyValuePair<string, object?>("actors.task.kind", kind == ActorBodyKind.Handler ? "handler" : "process");
        var systemTag = new KeyValuePair<string, object?>("actors.system.name", _system);
        return new MetricBucket(label is null ? [systemTag, kindTag] : [systemTag, kindTag, new("actors.task.label", label)]);
    }
}
