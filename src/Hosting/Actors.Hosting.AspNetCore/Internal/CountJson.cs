namespace Actors.Hosting.AspNetCore.Internal;

/// <summary>Counts by state and kind (the root excluded).</summary>
internal sealed record CountJson(int Total, IReadOnlyDictionary<string, int> ByState, IReadOnlyDictionary<string, int> ByKind, long DeadLetters, long MessagesHandled);
