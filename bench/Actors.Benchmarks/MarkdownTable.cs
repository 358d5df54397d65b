using System.Globalization;
using System.Text;
using Actors.Benchmarks.Peers;

namespace Actors.Benchmarks;

/// <summary>
/// The README's benchmark table: one row per shape with the kernel's value, the channel baseline and
/// its ratio, then each peer's value and ratio (from the shape's <c>NAME@akka</c> and <c>NAME@proto</c>
/// entries; "—" where a shape has no peer entry). Ratios are the kernel's value over the other's.
/// </summary>
internal static class MarkdownTable
{
    private static readonly (string Suffix, string Label)[] s_peers = [(AkkaPeer.Suffix, AkkaPeer.Label), (ProtoPeer.Suffix, ProtoPeer.Label)];

    public static string Render(IReadOnlyList<BenchResult> results)
    {
        var byName = results.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var text = new StringBuilder();
        text.Append("| benchmark | unit | Actors | baseline | ratio |");
        foreach (var (_, label) in s_peers) text.Append(CultureInfo.InvariantCulture, $" {label} | ratio |");
        text.AppendLine(" better | baseline is |");
        text.Append("|---|---|---:|---:|---:|");
        foreach (var _ in s_peers) text.Append("---:|---:|");
        text.AppendLine("---|---|");

        foreach (var r in results.Where(r => !s_peers.Any(p => r.Name.EndsWith(p.Suffix, StringComparison.Ordinal))))
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{r.Name}` | {r.Unit} | {Number(r.Value)} | {Number(r.BaselineValue)} | {Ratio(r.Ratio)} |");
            foreach (var (suffix, _) in s_peers)
            {
                text.Append(byName.TryGetValue(r.Name + suffix, out var peer)
                    ? $" {Number(peer.BaselineValue)} | {Ratio(peer.Ratio)} |"
                    : " — | — |");
            }
            text.AppendLine(CultureInfo.InvariantCulture, $" {(r.HigherIsBetter ? "higher" : "lower")} | {Escape(r.Baseline)} |");
        }
        return text.ToString();
    }

    private static string Number(double value) =>
        value.ToString(Math.Abs(value) >= 1000 ? "N0" : "0.###", CultureInfo.InvariantCulture);

    private static string Ratio(double ratio) => ratio.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>Keeps a cell's text from breaking the table (pipes) or turning into HTML (angle brackets).</summary>
    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
