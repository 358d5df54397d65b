using Microsoft.Extensions.Logging;

namespace Actors.Testing;

/// <summary>One log line recorded by <see cref="LogCapture"/>.</summary>
/// <param name="Level">Its level.</param>
/// <param name="Category">The logger's category (usually a type name).</param>
/// <param name="EventId">Its event id.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with it, if any.</param>
/// <param name="Properties">
/// Its structured properties (for <c>[LoggerMessage]</c> methods and message templates: each placeholder,
/// plus <c>{OriginalFormat}</c>); a state of another shape is kept as one property named <c>State</c>.
/// </param>
public sealed record CapturedLogEntry(LogLevel Level, string Category, EventId EventId, string Message, Exception? Exception, IReadOnlyList<KeyValuePair<string, object?>> Properties)
{
    /// <summary>The path of the actor task the line is about (the kernel's <c>ActorPath</c> property), or null.</summary>
    public string? Path => Property("ActorPath") as string;

    /// <summary>The value of the structured property <paramref name="name"/>, or null if it has none.</summary>
    /// <param name="name">The property name, as in the message template (without braces).</param>
    /// <returns>The value, or null.</returns>
    public object? Property(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var pair in Properties)
            if (pair.Key == name) return pair.Value;
        return null;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Level} {Category}: {Message}{(Exception is null ? "" : $" [{Exception.GetType().Name}: {Exception.Message}]")}";
}
