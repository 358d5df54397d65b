namespace Actors.Supervision.Internal;

/// <summary>One instance's handoff, as the supervisor sees it: what the instance was handling when it failed.</summary>
internal interface IInstanceHandoff
{
    /// <summary>The message a handler actor threw on, or null. Written before the instance closes; read by the loop after its exit.</summary>
    object? FailedMessage { get; }
}
