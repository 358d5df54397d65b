using System.Runtime.InteropServices;

namespace Actors.Internal;

/// <summary>
/// A ring's reader index and writer index, each with its cached copy of the other's, 64 bytes apart so
/// the two sides never share a cache line (false sharing) when a writer and a reader work at once. Not
/// each side padded to its own 128 bytes, as before: every mailbox has a ring, and that padding was 160
/// bytes of an idle actor's mailbox.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 96)]
internal struct PaddedIndexes
{
    /// <summary>The reader's index (the head); written by the reader only.</summary>
    [FieldOffset(0)] public long Head;

    /// <summary>The writer's index as the reader last read it.</summary>
    [FieldOffset(8)] public long SeenTail;

    /// <summary>The writer's index (the tail); written under the channel's lock.</summary>
    [FieldOffset(80)] public long Tail;

    /// <summary>The reader's index as the writer last read it.</summary>
    [FieldOffset(88)] public long SeenHead;
}
