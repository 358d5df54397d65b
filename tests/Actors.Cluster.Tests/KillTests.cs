using System.Diagnostics;
using Xunit.Abstractions;

namespace Actors.Cluster.Tests;

[Collection(NatsCollection.Name)]
public sealed class KillTests(NatsServerFixture server, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ANodeProcessKilledWithSigkill_IsDetected_AndItsSingletonAnswersOnASurvivor()
    {
        var prefix = Cluster3.NewPrefix();
        using var child = StartNodeProcess(prefix, "k");
        try
        {
            var ready = await child.StandardOutput.ReadLineAsync().WaitAsync(Bound);
            Assert.Equal("ready", ready);
            await using var cluster = await Cluster3.StartAsync(server, downAfter: TimeSpan.FromSeconds(2), prefix: prefix);
            Assert.Equal('k', await SingletonTests.AnswerAsync(cluster.Nodes, "killable"));   // the child started first and holds it
            var local = 0;
            var handles = cluster.Nodes.Select(n => n.RunSingleton<CounterMsg>("killable", parent =>
            {
                Interlocked.Increment(ref local);
                return parent.Spawn<CounterMsg>((_, msg) =>
                {
                    if (msg is Get get) get.ReplyTo.Reply(n.NodeId[0]);
                    return ValueTask.CompletedTask;
                });
            })).ToList();
            await RegistryTests.Eventually(() => Task.FromResult(cluster.A.Members.Contains("k")));
            var down = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            cluster.A.NodeDown += n => { if (n == "k") down.TrySetResult(); };

            var clock = Stopwatch.StartNew();
            child.Kill();   // SIGKILL: no goodbye, no release

            await down.Task.WaitAsync(Bound);
            var detected = clock.Elapsed;
            var answer = await SingletonTests.AnswerAsync(cluster.Nodes, "killable", notFrom: 'k');
            var failover = clock.Elapsed;
            output.WriteLine($"SIGKILL: marked down after {detected.TotalSeconds:0.00} s, singleton answered on {answer} after {failover.TotalSeconds:0.00} s (DownAfter 2 s)");
            Assert.Contains(answer, "abc");
            Assert.Equal(1, Volatile.Read(ref local));   // one instance started among the survivors
            Assert.True(failover < TimeSpan.FromSeconds(20), $"failover took {failover}");
            handles.ForEach(h => h.Dispose());
        }
        finally
        {
            if (!child.HasExited) child.Kill();
            await child.WaitForExitAsync();
        }
    }

    private Process StartNodeProcess(string prefix, string node)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Actors.Cluster.TestNode.dll");
        var info = new ProcessStartInfo("dotnet", [dll, server.Url, prefix, node])
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("the test node did not start");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }
}
