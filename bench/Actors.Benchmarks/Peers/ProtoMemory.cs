namespace Actors.Benchmarks.Peers;

using Proto;

/// <summary>
/// <c>spawn.bytesFresh</c>/<c>spawn.bytesAfterMessage</c> on Proto.Actor: managed bytes per idle
/// <see cref="IActor"/> kept alive, once all have handled <see cref="Started"/> (Proto.Actor creates
/// the actor instance on the dispatcher after <c>Spawn</c> returns) and after each has handled one
/// message.
/// </summary>
internal static class ProtoMemory
{
    public const string How = "idle IActors from Root.Spawn, started";

    /// <summary>Bytes per actor: fresh, then after one message.</summary>
    public static async Task<double[]> RunAsync(int count)
    {
        var system = ProtoPeer.Create();
        var root = system.Root;
        var started = new Countdown(count);
        var handled = new Countdown(count);
        var props = Props.FromProducer(() => new Counted(started, handled));
        var pids = new PID[count];   // allocated before the first reading, so not counted

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < count; i++) pids[i] = root.Spawn(props);
        await started.Task;
        await Task.Delay(50);   // let the last turns return to idle
        var fresh = GC.GetTotalMemory(forceFullCollection: true);

        foreach (var pid in pids) root.Send(pid, 1);
        await handled.Task;
        await Task.Delay(50);
        var after = GC.GetTotalMemory(forceFullCollection: true);

        GC.KeepAlive(pids);
        await ProtoPeer.StopAsync(system);
        return [(fresh - before) / (double)count, (after - before) / (double)count];
    }

    private sealed class Counted(Countdown started, Countdown handled) : IActor
    {
        public Task ReceiveAsync(IContext context)
        {
            switch (context.Message)
            {
                case Started: started.Signal(); break;
                case int: handled.Signal(); break;
            }
            return Task.CompletedTask;
        }
    }
}
