namespace Actors.Benchmarks.Peers;

using System.Diagnostics;
using Proto;

/// <summary><c>tell.oneway</c> on Proto.Actor: an <see cref="IActor"/> counts int messages sent from the root context.</summary>
internal static class ProtoTell
{
    public const string How = "IActor counting, Send from the root context";

    public static async Task<double[]> RunAsync(int messages)
    {
        var system = ProtoPeer.Create();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = system.Root.Spawn(Props.FromProducer(() => new Counter(messages, done)));

        var root = system.Root;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++) root.Send(counter, i);
        await done.Task;
        var rate = messages / clock.Elapsed.TotalSeconds;

        await ProtoPeer.StopAsync(system);
        return [rate];
    }

    private sealed class Counter(int messages, TaskCompletionSource done) : IActor
    {
        private int _count;

        public Task ReceiveAsync(IContext context)
        {
            if (context.Message is int && ++_count == messages) done.SetResult();
            return Task.CompletedTask;
        }
    }
}
