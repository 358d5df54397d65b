namespace Actors.Internal;

/// <summary>A message in a mailbox, with what travels beside it.</summary>
/// <param name="Message">The user's message.</param>
/// <param name="Meta">Null for a plain tell; otherwise an <see cref="IReplySink"/>, a <see cref="TraceMeta"/> or a <see cref="ConditionalMeta"/>.</param>
internal readonly record struct Envelope<TMessage>(TMessage Message, object? Meta)
{
    public IReplySink? Reply => Meta as IReplySink ?? (Meta as TraceMeta)?.Inner as IReplySink;
}
