namespace Actors.Internal;

/// <summary>The result type of a task whose body returns nothing.</summary>
internal readonly struct NoResult;
