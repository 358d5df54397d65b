namespace Actors.Benchmarks;

/// <summary>Command line: <c>--quick</c> (default) or <c>--full</c>, <c>--json PATH</c>, <c>--markdown PATH</c>, <c>--filter NAME[,NAME]</c>.</summary>
internal sealed record BenchOptions(bool Quick, string? JsonPath, string? MarkdownPath, IReadOnlyList<string> Filters)
{
    public string Mode => Quick ? "quick" : "full";

    public static BenchOptions Parse(string[] args)
    {
        var quick = true;
        string? json = null;
        string? markdown = null;
        var filters = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--full": quick = false; break;
                case "--json": json = Value(args, ref i); break;
                case "--markdown": markdown = Value(args, ref i); break;
                case "--filter": filters.AddRange(Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: [--quick|--full] [--json PATH] [--markdown PATH] [--filter NAME[,NAME]]");
            }
        }
        return new BenchOptions(quick, json, markdown, filters);
    }

    /// <summary>True if a benchmark producing <paramref name="names"/> should run (prefix match either way).</summary>
    public bool Selects(IEnumerable<string> names) =>
        Filters.Count == 0 || names.Any(n => Filters.Any(f => n.StartsWith(f, StringComparison.Ordinal) || f.StartsWith(n, StringComparison.Ordinal)));

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
}
