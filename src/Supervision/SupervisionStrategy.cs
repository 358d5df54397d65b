namespace Actors.Supervision;

/// <summary>Which children restart when one of them must.</summary>
public enum SupervisionStrategy
{
    /// <summary>Only the child that exited. The default.</summary>
    OneForOne,

    /// <summary>All children: the others are stopped in reverse spec order, then all start in spec order.</summary>
    OneForAll,

    /// <summary>The child and those after it in spec order: the later ones stop in reverse, then all restart in order.</summary>
    RestForOne,
}
