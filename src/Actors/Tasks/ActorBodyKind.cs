namespace Actors;

/// <summary>The shape of a task's body.</summary>
public enum ActorBodyKind
{
    /// <summary>A message handler called once per message (a reactive actor).</summary>
    Handler,

    /// <summary>An async function that runs once and may receive from its mailbox (an Erlang-style process).</summary>
    Process,

    /// <summary>The system's root.</summary>
    Root,
}
