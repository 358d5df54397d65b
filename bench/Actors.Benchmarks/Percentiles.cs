using System.Diagnostics;

namespace Actors.Benchmarks;

/// <summary>Latency percentiles from Stopwatch tick samples.</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="quantile"/> of <paramref name="ticks"/> in microseconds (sorts the array).</summary>
    public static double Micros(long[] ticks, double quantile)
    {
        Array.Sort(ticks);
        return ticks[(int)(quantile * (ticks.Length - 1))] * 1_000_000.0 / Stopwatch.Frequency;
    }
}
