using System.Collections.Concurrent;

namespace Actors.Supervision.Tests;

/// <summary>Process children that record start and stop, and can be made to fail or complete on demand.</summary>
public sealed class Probe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _switches = new();

    public EventRecorder<string> Log { get; } = new();

    public ChildSpec Child(string id, RestartPolicy restart = RestartPolicy.Always, TimeSpan? shutdown = null, bool significant = false, bool ignoreStop = false) =>
        new(id, (parent, options) => parent.Run(async ctx =>
        {
            var kill = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _switches[id] = kill;
            Log.Add($"start {id}");
            try { await (ignoreStop ? kill.Task : kill.Task.WaitAsync(ctx.Cancellation)); }
            finally { Log.Add($"stop {id}"); }
        }, options))
        {
            Restart = restart,
            Shutdown = shutdown ?? TimeSpan.FromSeconds(30),
            Significant = significant,
        };

    /// <summary>Makes the running instance of <paramref name="id"/> throw.</summary>
    public void Fail(string id, Exception? error = null) => Switch(id).TrySetException(error ?? new InvalidOperationException($"{id} crashed"));

    /// <summary>Makes the running instance of <paramref name="id"/> return normally.</summary>
    public void Complete(string id) => Switch(id).TrySetResult();

    /// <summary>The switch of <paramref name="id"/>'s first instance may still be on its way when a later sibling has logged its start: wait for it, bounded.</summary>
    private TaskCompletionSource Switch(string id)
    {
        TaskCompletionSource? kill = null;
        Assert.True(SpinWait.SpinUntil(() => _switches.TryGetValue(id, out kill), Actors.Tests.TestSystem.Bound), $"child '{id}' never started");
        return kill!;
    }
}
