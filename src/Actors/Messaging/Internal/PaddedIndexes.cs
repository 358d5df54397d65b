using System.Runtime.InteropServices;

namespace Actors.Internal;

/// <summary>
/// One side's index of a ring and its cached copy of the other side's, alone on a cache line, so a
/// writer and a reader working at once do not keep stealing each other's line (false sharing).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedIndexes
{
    /// <summary>This side's index (a head or a tail).</summary>
    [FieldOffset(64)] public long Own;

    /// <summary>The other side's index as this side last read it.</summary>
    [FieldOffset(72)] public long Seen;
}
