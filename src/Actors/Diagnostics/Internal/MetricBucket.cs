namespace Actors.Internal;

/// <summary>
/// The metric series of one (system, body kind, metric label): its tags, built once, and its count of
/// handled messages. Every task points at its bucket, so a measurement costs no tag allocation.
/// </summary>
internal sealed class MetricBucket(KeyValuePair<string, object?>[] tags)
{
    private long _messages;   // messages handled by this bucket's handler actors (Interlocked)

    /// <summary><c>actors.system.name</c>, <c>actors.task.kind</c> and, if given, <c>actors.task.label</c>; immutable.</summary>
    public KeyValuePair<string, object?>[] Tags { get; } = tags;

    public long Messages => Interlocked.Read(ref _messages);

    public void AddMessages(int count) => Interlocked.Add(ref _messages, count);
}
