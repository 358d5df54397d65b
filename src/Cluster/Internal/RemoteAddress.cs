namespace Actors.Cluster.Internal;

/// <summary>Where an exposed actor lives: its node and its id there (the node's incarnation and a counter, so ids are never reused).</summary>
internal readonly record struct RemoteAddress(string Node, string Id)
{
    public override string ToString() => $"{Node}/{Id}";
}
