namespace Actors.Supervision.Internal;

/// <summary>The supervisor's view of a slot's stable reference, whatever its message type. Called from the supervisor's loop.</summary>
internal interface ISlotRef
{
    /// <summary>The message type every instance receives.</summary>
    Type MessageType { get; }

    /// <summary>The latest instance, or null before the first start.</summary>
    ActorTask? Instance { get; }

    /// <summary>A new handoff for the next instance: put it in the instance's spawn options.</summary>
    IInstanceHandoff NewHandoff();

    /// <summary>An instance started with <paramref name="handoff"/> (null if its start function dropped the options it was given): send to it, held messages first.</summary>
    /// <exception cref="InvalidOperationException">The instance does not receive the spec's message type.</exception>
    void Attach(ActorTask instance, IInstanceHandoff? handoff);

    /// <summary>The slot ended for good (until an administrative restart): held and later messages go to dead letters.</summary>
    void Close();
}
