namespace Actors;

/// <summary>One line the kernel logs. The kernel has no logging dependency; hosting forwards these to <c>ILogger</c>.</summary>
/// <param name="Level">Severity.</param>
/// <param name="Path">Path of the task the line is about, or null for the system.</param>
/// <param name="Message">What happened, in words.</param>
/// <param name="Exception">The failure, if any.</param>
public readonly record struct ActorLogEntry(ActorLogLevel Level, string? Path, string Message, Exception? Exception);
