namespace Actors.Hosting.AspNetCore.Internal;

/// <summary>The answer to a stop: the task's path and its state when the answer was made.</summary>
internal sealed record StopJson(string Path, string State);
