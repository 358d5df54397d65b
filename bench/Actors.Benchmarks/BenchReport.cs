namespace Actors.Benchmarks;

/// <summary>The JSON document written by <c>--json</c>.</summary>
internal sealed record BenchReport(string Machine, string Mode, IReadOnlyList<BenchResult> Results);
