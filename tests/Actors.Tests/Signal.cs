namespace Actors.Tests;

/// <summary>Waiting helpers that always bound the wait and fail the test if it expires.</summary>
public static class Signal
{
    public static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static TaskCompletionSource<T> New<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task Within(this Task task, string what)
    {
        var done = await Task.WhenAny(task, Task.Delay(TestSystem.Bound));
        Assert.True(done == task, $"Timed out waiting for {what}");
        await task;
    }

    public static async Task<T> Within<T>(this Task<T> task, string what)
    {
        var done = await Task.WhenAny(task, Task.Delay(TestSystem.Bound));
        Assert.True(done == task, $"Timed out waiting for {what}");
        return await task;
    }

    /// <summary>Polls a condition that becomes true through another thread's progress (not time), bounded.</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TestSystem.Bound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}");
            await Task.Yield();
            await Task.Delay(1);
        }
    }
}
