namespace Actors.Internal;

/// <summary>A handler actor whose turn can run on the thread that woke it (see <see cref="RunNext"/>).</summary>
internal interface IInlineTurn : IThreadPoolWorkItem
{
    /// <summary>Messages per turn in this actor's system: the budget of one run of inline turns.</summary>
    int Throughput { get; }

    /// <summary>The metric series its handled messages are counted in.</summary>
    MetricBucket Bucket { get; }

    /// <summary>Runs one turn; the caller took it from the slot, so this actor holds <c>Scheduled</c>. Returns the messages handled.</summary>
    /// <param name="clock">The tick the last turn ended at (this turn's start), or 0; on return, the tick this turn ended at.</param>
    int RunInlineTurn(ref long clock);
}
