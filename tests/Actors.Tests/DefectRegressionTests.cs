namespace Actors.Tests;

/// <summary>
/// Regression tests for the kernel items of issue 7, one or more per item, named after the item.
/// Each failed (or hung, or crashed the process) on the code before its fix.
/// </summary>
public sealed partial class DefectRegressionTests
{
    /// <summary>Bound for things that should happen promptly; a hang on the old code fails here.</summary>
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    private sealed record Ask(int Value, IReplyTo<int>? ReplyTo = null);

    private static async Task<T> Promptly<T>(Task<T> task, string what)
    {
        var done = await Task.WhenAny(task, Task.Delay(Soon));
        Assert.True(done == task, $"Timed out waiting for {what}");
        return await task;
    }

    private static async Task Promptly(Task task, string what)
    {
        var done = await Task.WhenAny(task, Task.Delay(Soon));
        Assert.True(done == task, $"Timed out waiting for {what}");
        await task;
    }
}
