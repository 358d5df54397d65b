using System.Diagnostics;

namespace Actors.Internal;

/// <summary>The sender's trace context, carried in a sampled message's envelope.</summary>
internal sealed class TraceMeta(ActivityContext parent, object? inner)
{
    public ActivityContext Parent { get; } = parent;

    /// <summary>What the envelope would carry without tracing (a reply sink or null).</summary>
    public object? Inner { get; } = inner;

    /// <summary>The receiving side's span while the message is handled; owned by the turn that handles it.</summary>
    public Activity? Span { get; set; }
}
