namespace Actors.Benchmarks.Peers;

using System.Diagnostics;
using Akka.Actor;

/// <summary><c>tell.oneway</c> on Akka.NET: a <see cref="ReceiveActor"/> counts int messages told from outside the system.</summary>
internal static class AkkaTell
{
    public const string How = "ReceiveActor counting, Tell from outside (no sender)";

    public static async Task<double[]> RunAsync(int messages)
    {
        var system = AkkaPeer.Create();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = system.ActorOf(Props.Create(() => new Counter(messages, done)));

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++) counter.Tell(i, ActorRefs.NoSender);
        await done.Task;
        var rate = messages / clock.Elapsed.TotalSeconds;

        await AkkaPeer.StopAsync(system);
        return [rate];
    }

    private sealed class Counter : ReceiveActor
    {
        private int _count;

        public Counter(int messages, TaskCompletionSource done) =>
            Receive<int>(_ =>
            {
                if (++_count == messages) done.SetResult();
            });
    }
}
