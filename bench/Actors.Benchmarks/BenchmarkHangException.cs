namespace Actors.Benchmarks;

/// <summary>A run never finished: a lost message or wake-up (reported instead of hanging the whole program).</summary>
internal sealed class BenchmarkHangException(string message) : Exception(message);
