using System.Globalization;
using System.Text;

namespace Actors.Testing.Internal;

/// <summary>Renders what a failed expectation saw, short enough to read in a test report.</summary>
internal static class Describe
{
    private const int MaxItems = 20;

    public static string Time(TimeSpan value) =>
        value.TotalSeconds >= 1 ? $"{value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s" : $"{value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)} ms";

    public static string Value(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => $"{value} ({value.GetType().Name})",
    };

    public static string List<T>(IReadOnlyList<T> items, Func<T, string> render, string none = "nothing")
    {
        if (items.Count == 0) return none;
        var text = new StringBuilder();
        var skip = Math.Max(0, items.Count - MaxItems);
        if (skip > 0) text.Append(CultureInfo.InvariantCulture, $"\n  ... {skip} earlier");
        for (var i = skip; i < items.Count; i++) text.Append("\n  ").Append(render(items[i]));
        return text.ToString();
    }

    public static string Tree(ActorTreeSnapshot snapshot) =>
        List(snapshot.Tasks, t => $"{new string(' ', 2 * t.Depth)}{t.Path} {t.State}{(t.IsStopping ? " (stopping)" : "")}{(t.LastFailure is null ? "" : " failure: " + t.LastFailure)}");
}
