namespace Actors.Benchmarks;

/// <summary>One benchmark: measures the actor variant and its baseline(s) interleaved, and reports one or more results.</summary>
internal interface IBenchmark
{
    /// <summary>The result names it reports (used by <c>--filter</c>).</summary>
    IReadOnlyList<string> Names { get; }

    Task<IReadOnlyList<BenchResult>> RunAsync(Runner runner);
}
