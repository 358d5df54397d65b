using System.Text.Json.Serialization;

namespace Actors.Benchmarks;

/// <summary>One reported number: the actor measurement next to its baseline, both medians from the same run.</summary>
internal sealed record BenchResult(string Name, string Unit, double Value, string Baseline, double BaselineValue,
    [property: JsonPropertyOrder(1)] bool HigherIsBetter)   // after Ratio in the JSON
{
    /// <summary>Value / baseline value.</summary>
    public double Ratio => BaselineValue == 0 ? double.NaN : Value / BaselineValue;
}
