using Actors.Tests;

namespace Actors.Supervision.Tests;

/// <summary>An ordered record of what children did, with bounded waits for an event to appear.</summary>
public sealed class EventLog
{
    private readonly Lock _sync = new();
    private readonly List<string> _events = [];
    private readonly List<(Func<IReadOnlyList<string>, bool> Ready, TaskCompletionSource Signal)> _waiters = [];

    public void Add(string e)
    {
        List<TaskCompletionSource> wake = [];
        lock (_sync)
        {
            _events.Add(e);
            for (var i = _waiters.Count - 1; i >= 0; i--)
                if (_waiters[i].Ready(_events)) { wake.Add(_waiters[i].Signal); _waiters.RemoveAt(i); }
        }
        foreach (var s in wake) s.TrySetResult();
    }

    public IReadOnlyList<string> Events
    {
        get { lock (_sync) return [.. _events]; }
    }

    public int Count(string e)
    {
        lock (_sync) return _events.Count(x => x == e);
    }

    /// <summary>Waits until <paramref name="e"/> has occurred at least <paramref name="times"/> times.</summary>
    public Task WaitFor(string e, int times = 1) => WaitUntil(list => list.Count(x => x == e) >= times, $"'{e}' x{times}");

    public async Task WaitUntil(Func<IReadOnlyList<string>, bool> ready, string what)
    {
        var signal = Signal.New();
        lock (_sync)
        {
            if (ready(_events)) return;
            _waiters.Add((ready, signal));
        }
        await signal.Task.Within(what + " (events: " + string.Join(", ", Events) + ")");
    }
}
