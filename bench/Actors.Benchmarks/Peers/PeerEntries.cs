namespace Actors.Benchmarks.Peers;

/// <summary>
/// The <c>NAME@akka</c> and <c>NAME@proto</c> entries of a shape: the kernel's value over the peer's,
/// with the unit and direction of the shape's own entry.
/// </summary>
internal static class PeerEntries
{
    /// <summary>The names the peers add to a shape (for <c>--filter</c>).</summary>
    public static IEnumerable<string> Names(string name) => [name + AkkaPeer.Suffix, name + ProtoPeer.Suffix];

    /// <summary>The shape's two peer entries.</summary>
    /// <param name="ours">The shape's entry against its channel baseline (gives name, unit, kernel value, direction).</param>
    /// <param name="akka">Akka.NET's median, same unit.</param>
    /// <param name="akkaHow">How Akka.NET runs the shape (goes into the entry's baseline text).</param>
    /// <param name="proto">Proto.Actor's median, same unit.</param>
    /// <param name="protoHow">How Proto.Actor runs the shape.</param>
    public static BenchResult[] For(BenchResult ours, double akka, string akkaHow, double proto, string protoHow) =>
    [
        ours with { Name = ours.Name + AkkaPeer.Suffix, Baseline = $"{AkkaPeer.Label}: {akkaHow}", BaselineValue = akka },
        ours with { Name = ours.Name + ProtoPeer.Suffix, Baseline = $"{ProtoPeer.Label}: {protoHow}", BaselineValue = proto },
    ];
}
