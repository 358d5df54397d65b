namespace Actors.Tests;

/// <summary>Signals between a test and its actors; wait on them with the kit's <c>WithinAsync</c>.</summary>
public static class Signal
{
    public static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static TaskCompletionSource<T> New<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
