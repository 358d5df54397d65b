using System.Runtime.CompilerServices;

namespace Actors.Internal;

/// <summary>A few children held on the stack while a stop walks them, so stopping a node allocates no list.</summary>
[InlineArray(Length)]
internal struct ChildBuffer
{
    /// <summary>How many children fit; a node with more falls back to a list.</summary>
    public const int Length = 8;

    private ActorTask? _first;

    /// <summary>The first <paramref name="count"/> children, as a list.</summary>
    public List<ActorTask> ToList(int count)
    {
        var list = new List<ActorTask>(count + 1);
        for (var i = 0; i < count; i++) list.Add(this[i]!);
        return list;
    }
}
