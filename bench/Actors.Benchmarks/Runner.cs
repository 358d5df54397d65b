using System.Globalization;

namespace Actors.Benchmarks;

/// <summary>
/// Runs the variants of one benchmark (actor first, then baselines) interleaved: every round runs each
/// variant once, alternating the order between rounds so slow drift (heat, tiering, heap growth) hits
/// all variants alike. Warm-up rounds are discarded; each metric is the median of the measured rounds.
/// </summary>
internal sealed class Runner(BenchOptions options)
{
    /// <summary>Measured rounds (after the warm-up).</summary>
    public int Rounds { get; } = options.Quick ? 3 : 9;

    /// <summary>Discarded rounds before measuring (JIT tiering, pool growth, heap sizing).</summary>
    public int WarmupRounds { get; } = 1;

    /// <summary>A single run taking longer than this is treated as a hang (no run should take more than a few seconds).</summary>
    public static TimeSpan HangTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>A variant: one run that returns one or more metrics (for example msg/s, or p50 and p99).</summary>
    public delegate Task<double[]> Variant();

    /// <summary>Runs every variant in interleaved rounds and returns, per variant, the median of each metric.</summary>
    /// <param name="label">Progress label (written to standard error).</param>
    /// <param name="variants">The variants; index 0 is the actor, 1 the channel baseline, then any others in the benchmark's order (the peers, Akka.NET then Proto.Actor, last).</param>
    public Task<double[][]> MeasureAsync(string label, params Variant[] variants) => MeasureAsync(label, Rounds, variants);

    /// <summary>As <see cref="MeasureAsync(string, Variant[])"/> with a benchmark-specific number of measured rounds (for short, noisy runs).</summary>
    public async Task<double[][]> MeasureAsync(string label, int rounds, params Variant[] variants)
    {
        var samples = variants.Select(_ => new List<double[]>()).ToArray();
        for (var round = 0; round < WarmupRounds + rounds; round++)
        {
            var warmup = round < WarmupRounds;
            var line = new List<string>();
            for (var k = 0; k < variants.Length; k++)
            {
                var v = round % 2 == 0 ? k : variants.Length - 1 - k;   // alternate the order each round
                BenchSystem.Collect();
                double[] metrics;
                try { metrics = await variants[v]().WaitAsync(HangTimeout); }
                catch (TimeoutException)
                {
                    throw new BenchmarkHangException($"{label}: variant v{v} ({Describe(v, variants.Length)}) did not finish within {HangTimeout.TotalSeconds:F0} s in {(warmup ? "the warm-up" : $"round {round - WarmupRounds + 1}")}.");
                }
                if (!warmup) samples[v].Add(metrics);
                line.Add($"v{v}=[{string.Join(", ", metrics.Select(Format))}]");
            }
            Console.Error.WriteLine($"  {label} {(warmup ? "warm-up" : $"round {round - WarmupRounds + 1}/{rounds}")}: {string.Join("  ", line)}");
        }
        BenchSystem.Collect();
        return samples.Select(MedianPerMetric).ToArray();
    }

    /// <summary>Names a variant by its index, following the order every benchmark uses.</summary>
    private static string Describe(int v, int count) => v switch
    {
        0 => "actor",
        1 => "channel baseline",
        _ when v == count - 2 && count >= 4 => "Akka.NET, if the benchmark runs the peers",
        _ when v == count - 1 && count >= 4 => "Proto.Actor, if the benchmark runs the peers",
        _ => "another baseline",
    };

    private static double[] MedianPerMetric(List<double[]> rounds)
    {
        var metrics = rounds[0].Length;
        var medians = new double[metrics];
        for (var m = 0; m < metrics; m++) medians[m] = Median(rounds.Select(r => r[m]));
        return medians;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
