using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Benchmarks;

/// <summary>Prints the results as a table and writes the JSON report.</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,   // a ratio over a zero baseline is NaN
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,   // keep "<", "+" and "µ" readable; the file is not embedded in HTML
    };

    public static string Table(IReadOnlyList<BenchResult> results)
    {
        string[] header = ["name", "unit", "actor", "baseline", "ratio", "better", "baseline is"];
        var rows = results.Select(r => new[]
        {
            r.Name, r.Unit, Number(r.Value), Number(r.BaselineValue),
            r.Ratio.ToString("F2", CultureInfo.InvariantCulture), r.HigherIsBetter ? "higher" : "lower", r.Baseline,
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells)
        {
            var padded = cells.Select((cell, i) => i is >= 2 and <= 4 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));   // numbers right-aligned
            text.AppendLine(string.Join("  ", padded).TrimEnd());
        }
        Line(header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows) Line(row);
        return text.ToString();
    }

    public static void WriteJson(string path, BenchReport report) => WriteText(path, JsonSerializer.Serialize(report, s_json));

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, creating its directory.</summary>
    public static void WriteText(string path, string text)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        File.WriteAllText(path, text);
    }

    /// <summary>Thousands separators for big numbers, a few decimals for small ones.</summary>
    private static string Number(double value) =>
        value.ToString(Math.Abs(value) >= 1000 ? "N0" : "0.###", CultureInfo.InvariantCulture);
}
