namespace Actors.Internal;

/// <summary>
/// The metric series of one (system, body kind, metric label): its tags, built once, and its count of
/// handled messages. Every task points at its bucket, so a measurement costs no tag allocation.
/// </summary>
internal sealed class MetricBucket(KeyValuePair<string, object?>[] tags)
{
    private const int Stride = 16;   // longs per stripe: 128 bytes, so two stripes never share a cache line (or its prefetched pair)

    private static readonly int s_stripes = (int)Math.Min(64, global::System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));

    /// <summary>
    /// Messages handled by this bucket's handler actors, one counter per processor stripe (Interlocked). Every
    /// turn adds to it, so one shared counter bounced its cache line between cores on every turn.
    /// </summary>
    private readonly long[] _messages = new long[s_stripes * Stride];

    /// <summary><c>actors.system.name</c>, <c>actors.task.kind</c> and, if given, <c>actors.task.label</c>; immutable.</summary>
    public KeyValuePair<string, object?>[] Tags { get; } = tags;

    public long Messages
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _messages.Length; i += Stride) total += Interlocked.Read(ref _messages[i]);
            return total;
        }
    }

    public void AddMessages(int count) =>
        Interlocked.Add(ref _messages[(Thread.GetCurrentProcessorId() & (s_stripes - 1)) * Stride], count);
}
