namespace Actors.Hosting.AspNetCore.Internal;

/// <summary>One task in the JSON tree.</summary>
internal sealed record TaskJson(
    string Path, int Depth, string? Name, string? Label, string Kind, string State, bool Stopping, bool Transient,
    long AgeMs, int Mailbox, long Handled, double Rate, int Restarts, string? LastFailure);
