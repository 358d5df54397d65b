namespace Actors;

/// <summary>A message that was never handled.</summary>
/// <param name="Recipient">The task it was sent to.</param>
/// <param name="Message">The message.</param>
/// <param name="Reason">Why it was not handled.</param>
public readonly record struct DeadLetter(ActorTask Recipient, object? Message, DeadLetterReason Reason);
